// Tokens for the public forms, which have no session: signed (HMAC) with a key kept in the database, they carry
// when the form was shown (a form sent back within seconds was not filled in by a person), a nonce that must
// match the form cookie (CSRF, by double submit), and whether the form asked its arithmetic question.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export type FormToken = { issuedAt: number; nonce: string; challenge: boolean; signature: string };

const sign = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** A new token; each is different (a serial of its own), so each can be used once. */
export function issueToken(key: string, now: Date, challenge: boolean, nonce = randomBytes(12).toString('base64url')): string {
  const payload = `${now.getTime()}.${nonce}.${challenge ? 1 : 0}.${randomBytes(6).toString('base64url')}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The token's contents if it is ours and unaltered; undefined otherwise. */
export function readToken(key: string, token: unknown): FormToken | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([01])\.([A-Za-z0-9_-]{8})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const expected = Buffer.from(sign(key, `${match[1]}.${match[2]}.${match[3]}.${match[4]}`));
  const given = Buffer.from(match[5]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { issuedAt: Number(match[1]), nonce: match[2]!, challenge: match[3] === '1', signature: match[5]! };
}

/**
 * Whom the rate limit counts: an IPv4 address, or an IPv6 address by its /64 (one household or office gets a
 * whole /64, so single IPv6 addresses would not limit anybody).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const [h, t] = [head ? head.split(':') : [], tail ? tail.split(':') : []];
  const groups = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The arithmetic question a token asks (from its nonce, so nothing is stored), in words, and its answer. */
export function challengeOf(key: string, nonce: string): { question: string; answer: number } {
  const bytes = createHmac('sha256', key).update(`challenge:${nonce}`).digest();
  const [a, b] = [1 + (bytes[0]! % 9), 1 + (bytes[1]! % 9)];
  return { question: `${DIGITS[a]}加${DIGITS[b]}等于几？`, answer: a + b };
}

/** An answer as typed: 8, ８ or 八 (up to 十八). */
export function readAnswer(typed: unknown): number | undefined {
  if (typeof typed !== 'string') return undefined;
  const text = typed.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const words = /^(十)?([一二三四五六七八九])?$/.exec(text);
  if (!words || (!words[1] && !words[2])) return undefined;
  return (words[1] ? 10 : 0) + (words[2] ? DIGITS.indexOf(words[2]) : 0);
}
