// Password hashing with scrypt (memory-hard). The stored form carries its own parameters, so the cost can rise later.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
export const DEFAULT_COST = 2 ** 16; // ~0.2 s here: slow for a guesser, fine for a login

const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * options.N! * options.r! }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );

/** `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: cost, r: 8, p: 1 });
  return ['scrypt', cost, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no password matches, verified against when the user does not exist so both cases take as long. */
export const UNUSABLE_HASH = `scrypt$${DEFAULT_COST}$8$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

/** Why a new password is too weak, in Chinese, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < 10) return '密码至少 10 位';
  if ([...password].length > 200) return '密码不能超过 200 位';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return '密码需同时包含字母和数字';
  return undefined;
}

/** A random password for a new or reset account, easy to read out: no look-alike characters. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const chars = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
    const password = chars.match(/.{4}/g)!.join('-');
    if (!passwordProblem(password)) return password;
  }
}
