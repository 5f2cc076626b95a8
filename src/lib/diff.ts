// Paragraph-level differences between two texts, for the revision history ("what changed").
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');

/** Paragraphs beyond which the middle of a diff is shown as replaced whole (the table grows as their product). */
const MAX_CELLS = 250_000;

/**
 * Longest-common-subsequence diff of the paragraphs of `before` and `after`, in reading order. Unchanged
 * paragraphs at both ends are matched first; a middle too large to compare is shown as removed, then added.
 */
export function diffParagraphs(before: string, after: string): DiffPart[] {
  const a = paragraphs(before);
  const b = paragraphs(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (texts: string[]) => texts.map((text): DiffPart => ({ kind: 'same', text }));
  return [
    ...same(a.slice(0, head)),
    ...diffMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...same(a.slice(a.length - tail)),
  ];
}

function diffMiddle(a: string[], b: string[]): DiffPart[] {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((text): DiffPart => ({ kind: 'removed', text })), ...b.map((text): DiffPart => ({ kind: 'added', text }))];
  }
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
