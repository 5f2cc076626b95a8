// The wording dictionary: wrong phrases with their correct form, phrases not to be used, names that must be written
// exactly, and 允许的写法 (correct phrases that contain a flagged one, like 削弱智能 or 全省人民代表大会). A protected
// name of five or more characters is also found with one character wrong, missing or added (中华人名共和国,
// 枣庄市科学技协会); such a guess is a warning, never a block, since a similar name may be another body's.
import { MAX_HITS, type Hit } from './finding.js';

export const WORDING_KINDS = { wrong: '错误写法', forbidden: '禁用词', protected: '规范名称', allowed: '允许的写法' } as const;
export type WordingKind = keyof typeof WORDING_KINDS;

export type WordingRule = { kind: WordingKind; phrase: string; suggestion: string; isBlocking: boolean; note: string };

/** Shorter names are not checked for slips: one slip in three or four characters is too often another word. */
export const FUZZY_MIN_LENGTH = 5;

export type Dictionary = { rules: WordingRule[]; protectedNames: string[]; allowed: string[] };

export const compileDictionary = (rules: WordingRule[]): Dictionary => ({
  rules: rules.filter((r) => (r.kind === 'wrong' || r.kind === 'forbidden') && r.phrase !== ''),
  protectedNames: rules.filter((r) => r.kind === 'protected' && r.phrase.length >= FUZZY_MIN_LENGTH).map((r) => r.phrase),
  allowed: rules.filter((r) => r.kind === 'allowed' && r.phrase !== '').map((r) => r.phrase),
});

/** Where `phrase` occurs in `text`, the first `max`. */
export function occurrences(text: string, phrase: string, max = MAX_HITS): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(phrase); i !== -1 && found.length < max; i = text.indexOf(phrase, i + 1)) found.push(i);
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

type Span = { start: number; end: number };
const overlaps = (spans: Span[], start: number, end: number) => spans.some((s) => start < s.end && s.start < end);

/**
 * Windows of the text one edit away from a protected name. With one edit, one half of the name is intact, so each
 * exact occurrence of a half anchors the few windows to compare. A character missing or added must be inside the
 * name (its first and last characters in place: otherwise the window just reaches into the next word); a changed
 * character may be anywhere in a name of six or more. A window overlapping any protected name written correctly
 * (中区科学技术协会 inside 枣庄市市中区科学技术协会) is not a slip.
 */
function slipsOf(text: string, name: string, correct: Span[]): Span[] {
  const half = Math.floor(name.length / 2);
  const starts = new Set<number>();
  for (const p of occurrences(text, name.slice(0, half))) for (const d of [0, -1]) starts.add(p + d);
  for (const q of occurrences(text, name.slice(half))) for (const d of [-1, 0, 1]) starts.add(q - half + d);
  const found: Span[] = [];
  for (const start of starts) {
    for (const length of [name.length - 1, name.length, name.length + 1]) {
      const end = start + length;
      if (start < 0 || end > text.length || found.length >= MAX_HITS) continue;
      const anchored = text[start] === name[0] && text[end - 1] === name.at(-1);
      if (!anchored && !(length === name.length && name.length >= 6)) continue;
      if (overlaps(correct, start, end) || !oneEditApart(text.slice(start, end), name)) continue;
      if (!overlaps(found, start, end)) found.push({ start, end });
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
  const correct = dictionary.protectedNames.flatMap((name) => occurrences(text, name).map((start) => ({ start, end: start + name.length })));
  const listed = [...hits];
  for (const name of dictionary.protectedNames) {
    for (const slip of slipsOf(text, name, correct)) {
      if (overlaps(listed, slip.start, slip.end)) continue; // the dictionary names this slip itself
      hits.push({ kind: 'wording', ...slip, message: `规范名称可能写错：如指“${name}”，请核对`, suggestion: name, blocking: false });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Where the text has an 允许的写法: findings inside one are not findings. */
export const allowedSpans = (text: string, dictionary: Dictionary): Span[] =>
  dictionary.allowed.flatMap((phrase) => occurrences(text, phrase, Infinity).map((start) => ({ start, end: start + phrase.length })));
