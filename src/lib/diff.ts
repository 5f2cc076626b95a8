// Paragraph-level differences between two texts, for the revision history ("what changed").
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');

/** Longest-common-subsequence diff of the paragraphs of `before` and `after`, in reading order. */
export function diffParagraphs(before: string, after: string): DiffPart[] {
  const a = paragraphs(before);
  const b = paragraphs(after);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      parts.push({ kind: 'removed', text: a[i++]! }); // removals first, as diffs are read
    } else {
      parts.push({ kind: 'added', text: b[j++]! });
    }
  }
  return parts;
}
