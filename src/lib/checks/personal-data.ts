// Personal data in published text: mainland resident ID numbers (checksum and birth date verified), mobile numbers,
// bank card numbers (Luhn) and e-mail addresses, each with its customary masked form: 35*************123,
// 138****1234, 6222 **** **** 1234, z***@example.com. ID and card numbers stop publishing; a mobile number or an
// e-mail address is often an office contact given on purpose, so those are warnings.
import { MAX_HITS, type Hit } from './finding.js';
import { matches } from './prose.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isResidentId(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Replaces the digits (or characters) between the first `keep` and the last `keepEnd` with *, keeping separators. */
function maskDigits(text: string, keep: number, keepEnd: number): string {
  const total = text.replace(/[^0-9Xx]/g, '').length;
  let seen = 0;
  return text.replace(/[0-9Xx]/g, (d) => {
    const index = seen++;
    return index < keep || index >= total - keepEnd ? d : '*';
  });
}

const maskEmail = (email: string) => {
  const [local, domain] = email.split('@') as [string, string];
  return `${local.slice(0, local.length > 3 ? 2 : 1)}***@${domain}`;
};

type Detector = { pattern: RegExp; accept: (match: string) => boolean; message: string; blocking: boolean; mask: (match: string) => string };

const DETECTORS: Detector[] = [
  {
    pattern: /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g,
    accept: isResidentId,
    message: '身份证号码，发布前须遮盖',
    blocking: true,
    mask: (id) => maskDigits(id, 2, 3),
  },
  {
    pattern: /(?<![0-9A-Za-z])[3-6]\d{3}(?:[ -]?\d{1,4}){3,5}(?![0-9A-Za-z])/g,
    accept: (card) => {
      const digits = card.replace(/\D/g, '');
      return digits.length >= 16 && digits.length <= 19 && passesLuhn(digits) && !isResidentId(digits);
    },
    message: '银行卡号，发布前须遮盖',
    blocking: true,
    mask: (card) => maskDigits(card, 4, 4),
  },
  {
    pattern: /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/g,
    accept: () => true,
    message: '手机号码：如不是公开的办公电话，请遮盖',
    blocking: false,
    mask: (phone) => {
      const prefix = /^\+?86[ -]?/.exec(phone)?.[0] ?? '';
      return prefix + maskDigits(phone.slice(prefix.length), 3, 4);
    },
  },
  {
    pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    accept: () => true,
    message: '电子邮箱：如不是公开的办公邮箱，请遮盖',
    blocking: false,
    mask: maskEmail,
  },
];

/** Personal data in `prose`, at most `max` of each kind (the editor lists them; masking for publication takes all). */
export function findPersonalData(prose: string, max = MAX_HITS): Hit[] {
  const hits: Hit[] = [];
  for (const detector of DETECTORS) {
    let found = 0;
    for (const m of matches(prose, detector.pattern)) {
      const end = m.index + m[0].length;
      if (found >= max) break;
      if (!detector.accept(m[0]) || hits.some((h) => m.index < h.end && h.start < end)) continue;
      found++;
      hits.push({
        kind: 'personal', start: m.index, end, message: detector.message, suggestion: detector.mask(m[0]),
        blocking: detector.blocking, mask: detector.mask(m[0]),
      });
    }
  }
  return hits;
}

/** The text with the given hits (personal data found in it) replaced by their masks. */
export function applyMasks(text: string, hits: Hit[]): string {
  let masked = text;
  for (const h of [...hits].sort((a, b) => b.start - a.start)) {
    if (h.mask !== undefined) masked = masked.slice(0, h.start) + h.mask + masked.slice(h.end);
  }
  return masked;
}
