// Chinese-aware search text. Chinese has no spaces, so a run of Han characters is indexed as its overlapping
// character pairs (bigrams, as the CJK analysers of established search engines do) and, separately, as single
// characters; Latin words and numbers are indexed as words. Both sides are NFKC-normalised and lower-cased, so
// full-width and half-width forms (ＡＩ, ５Ｇ) match alike. The pairs of a run follow each other, so a phrase of
// consecutive pairs matches exactly the text it came from; a single character finds it in either stream.

const HAN = /\p{Script=Han}/u;
// Han runs, and Latin/digit words; everything else (punctuation, spaces, symbols) separates.
const SEGMENT = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

const normalize = (text: string) => text.normalize('NFKC').toLowerCase();

type Segment = { text: string; isHan: boolean };

function segments(text: string): Segment[] {
  return [...normalize(text).matchAll(SEGMENT)].map((m) => ({ text: m[0], isHan: HAN.test(m[0]) }));
}

function pairs(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** The pair stream: each Han run as its bigrams (a lone character as itself), each other word as itself. */
export function bigramTokens(text: string): string {
  return segments(text).flatMap((s) => (s.isHan ? pairs(s.text) : [s.text])).join(' ');
}

/** The character stream: every Han character, and each other word. */
export function charTokens(text: string): string {
  return segments(text).flatMap((s) => (s.isHan ? [...s.text] : [s.text])).join(' ');
}

/** The text of article Markdown worth searching: link and image targets (URLs, file names) left out. */
export function searchableText(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/<[^>]*>/g, ' ');
}

export type SearchTerm = {
  /** The normalised text, for highlighting. */
  text: string;
  /** An FTS5 query matching the term in the given columns, built only from tokens (never from raw input). */
  match: (columns: 'all' | 'title') => string;
};

const quote = (tokens: string) => `"${tokens}"`;

/**
 * The terms of a reader's query: separated by spaces (or punctuation), all of which must match. Returns [] when
 * nothing searchable is left. FTS syntax in the input (quotes, *, NEAR, OR, parentheses) is just punctuation here.
 */
export function parseQuery(query: string, maxTerms = 10): SearchTerm[] {
  const words = normalize(query).split(/[\s\p{P}\p{S}\p{C}]+/u).filter(Boolean);
  const terms: SearchTerm[] = [];
  for (const word of words) {
    const parts = segments(word);
    if (parts.length === 0) continue;
    const text = parts.map((s) => s.text).join('');
    if (terms.some((t) => t.text === text)) continue;
    const single = parts.length === 1 && parts[0]!.isHan && [...parts[0]!.text].length === 1;
    const bigrams = parts.flatMap((s) => (s.isHan ? pairs(s.text) : [s.text])).join(' ');
    terms.push({
      text,
      // One character is looked up in the character stream; anything longer as consecutive pairs (a phrase).
      match: (columns) => single
        ? `{${columns === 'title' ? 'title_chars' : 'title_chars body_chars'}} : ${quote(text)}`
        : `{${columns === 'title' ? 'title_pairs' : 'title_pairs body_pairs'}} : ${quote(bigrams)}`,
    });
    if (terms.length === maxTerms) break;
  }
  return terms;
}

/** The FTS5 query for all terms (AND), or for them run together as one phrase (the exact-match tier). */
export function matchAll(terms: SearchTerm[], columns: 'all' | 'title'): string {
  return terms.map((t) => `(${t.match(columns)})`).join(' AND ');
}

function matchPhrase(terms: SearchTerm[], columns: 'all' | 'title'): string | undefined {
  if (terms.length < 2) return undefined;
  // The terms as one run of text: Chinese terms joined directly (科技 工作者 → 科技工作者), others by a space.
  const joined = terms.reduce((text, term) => text + (HAN.test(text.at(-1) ?? '') && HAN.test(term.text[0]!) ? '' : ' ') + term.text, '');
  return `{${columns === 'title' ? 'title_pairs' : 'title_pairs body_pairs'}} : ${quote(bigramTokens(joined))}`;
}

/**
 * The ranking tiers of a query, best first: the terms as one phrase in the title, all of them in the title, the
 * phrase anywhere, all of them anywhere (titles only: the first two; one term: its title, then anywhere). Each
 * tier's matches are a subset of the last's.
 */
export function rankTiers(terms: SearchTerm[], titleOnly: boolean): string[] {
  const scopes = titleOnly ? (['title'] as const) : (['title', 'all'] as const);
  return scopes.flatMap((scope) => [matchPhrase(terms, scope), matchAll(terms, scope)].filter((q): q is string => q !== undefined));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * `text` escaped, with every occurrence of a term wrapped in <mark>, matched as search matches (NFKC, case). When
 * `width` is given, cut to about that many characters around the first match (or the start), with ellipses.
 */
export function highlight(text: string, terms: SearchTerm[], width?: number): string {
  const folded = normalize(text);
  // Usually folding keeps every position (full-width letters fold to one character too), so matches found in the
  // folded text are at the same offsets in the original; otherwise fold character by character, keeping a map.
  const map = folded.length === text.length ? undefined : foldedPositions(text);
  const flat = map ? map.flat : folded;
  const owner = (at: number) => (map ? map.owner[at]! : at);
  const marks: [number, number][] = [];
  for (const term of terms) {
    for (let at = flat.indexOf(term.text); at >= 0; at = flat.indexOf(term.text, at + term.text.length)) {
      marks.push([owner(at), owner(at + term.text.length - 1) + 1]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  let start = 0;
  let end = text.length;
  if (width !== undefined && text.length > width) {
    start = Math.max(0, Math.min((marks[0]?.[0] ?? 0) - Math.floor(width / 3), text.length - width));
    end = Math.min(text.length, start + width);
    // Never cut a character in half (surrogate pairs).
    if (/[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
    if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end++;
  }
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [from, to] of marks) {
    if (to <= at || from >= end) continue;
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    html += `${escapeHtml(text.slice(at, a))}<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  return html + escapeHtml(text.slice(at, end)) + (end < text.length ? '…' : '');
}

/** The text folded character by character, with the offset in `text` of each folded code unit. */
function foldedPositions(text: string): { flat: string; owner: number[] } {
  let flat = '';
  const owner: number[] = [];
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const f = normalize(char);
    flat += f;
    for (let k = 0; k < f.length; k++) owner.push(i);
    i += char.length;
  }
  owner.push(text.length);
  return { flat, owner };
}
