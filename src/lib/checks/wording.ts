// The wording dictionary: wrong phrases with their correct form, phrases not to be used, and names that must be
// written exactly. A protected name of five or more characters is also found with one character wrong, missing or
// added inside it (中华人名共和国, 枣庄市科学技协会), so the list does not have to foresee every slip.
import type { Hit } from './finding.js';

export const WORDING_KINDS = { wrong: '错误写法', forbidden: '禁用词', protected: '规范名称' } as const;
export type WordingKind = keyof typeof WORDING_KINDS;

export type WordingRule = { kind: WordingKind; phrase: string; suggestion: string; isBlocking: boolean; note: string };

/** Shorter names are only found exactly: one slip in three or four characters is too often another word. */
const FUZZY_MIN_LENGTH = 5;

export type Dictionary = { rules: WordingRule[]; protectedNames: WordingRule[] };

export const compileDictionary = (rules: WordingRule[]): Dictionary => ({
  rules: rules.filter((r) => r.kind !== 'protected' && r.phrase !== ''),
  protectedNames: rules.filter((r) => r.kind === 'protected' && r.phrase.length >= FUZZY_MIN_LENGTH),
});

function occurrences(text: string, phrase: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) found.push(i);
  return found;
}

/** Levenshtein distance exactly 1 (one character changed, missing or added). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const message = (rule: WordingRule) => {
  const note = rule.note ? `（${rule.note}）` : '';
  if (rule.kind === 'forbidden') return `禁用词“${rule.phrase}”${rule.suggestion ? `，应改为“${rule.suggestion}”` : ''}${note}`;
  return `“${rule.phrase}”应为“${rule.suggestion}”${note}`;
};

/**
 * Windows of the text one edit away from a protected name. With one edit, one half of the name is intact, so
 * each exact occurrence of a half anchors the few windows to compare; the name's first and last characters must
 * be in place (a window reaching into the next word is not a slip), and a window overlapping the name written
 * correctly is not one either.
 */
function slipsOf(text: string, name: string): { start: number; end: number }[] {
  const half = Math.floor(name.length / 2);
  const exact = occurrences(text, name).map((start) => [start, start + name.length] as const);
  const starts = new Set<number>();
  for (const p of occurrences(text, name.slice(0, half))) starts.add(p);
  for (const q of occurrences(text, name.slice(half))) for (const d of [-1, 0, 1]) starts.add(q - half + d);
  const found: { start: number; end: number }[] = [];
  for (const start of starts) {
    if (start < 0 || text[start] !== name[0]) continue;
    for (const length of [name.length - 1, name.length, name.length + 1]) {
      const end = start + length;
      if (end > text.length || text[end - 1] !== name.at(-1)) continue;
      if (exact.some(([s, e]) => start < e && s < end) || !oneEditApart(text.slice(start, end), name)) continue;
      found.push({ start, end });
    }
  }
  return found;
}

export function findWording(text: string, dictionary: Dictionary): Hit[] {
  const hits: Hit[] = [];
  for (const rule of dictionary.rules) {
    for (const start of occurrences(text, rule.phrase)) {
      hits.push({ kind: 'wording', start, end: start + rule.phrase.length, message: message(rule), suggestion: rule.suggestion, blocking: rule.isBlocking });
    }
  }
  const listed = [...hits];
  for (const rule of dictionary.protectedNames) {
    for (const slip of slipsOf(text, rule.phrase)) {
      if (listed.some((h) => slip.start < h.end && h.start < slip.end)) continue; // the dictionary names this slip itself
      hits.push({ kind: 'wording', ...slip, message: `规范名称可能写错，应为“${rule.phrase}”`, suggestion: rule.phrase, blocking: rule.isBlocking });
    }
  }
  return hits;
}
