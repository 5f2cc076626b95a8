// A finding of the content checks: where in which field, what is wrong, what to write instead, and whether it
// stops publishing until it is fixed or a reviewer overrides it.

export const FINDING_KINDS = { wording: '用语', form: '格式', personal: '个人信息', link: '链接' } as const;
export type FindingKind = keyof typeof FINDING_KINDS;

/** A problem at [start, end) of one text, as the individual checks report it. */
export type Hit = {
  kind: FindingKind;
  start: number;
  end: number;
  message: string;
  suggestion: string;
  blocking: boolean;
  /** Personal data: the text in its customary masked form. */
  mask?: string;
};

/** The fields whose text is checked, in the editor's order, and where a finding can be (attachments too). */
export const TEXT_FIELDS = ['title', 'subtitle', 'summary', 'bodyMd'] as const;
export const FIELD_LABELS = { title: '标题', subtitle: '副标题', summary: '摘要', bodyMd: '正文', coverImage: '封面图片', attachments: '附件' } as const;
export type CheckedField = keyof typeof FIELD_LABELS;

export type Finding = Hit & {
  field: CheckedField;
  /** 1-based line and column (in characters) within the field. */
  line: number;
  column: number;
  text: string;
  /** A little of the text on either side, for showing the finding in context. */
  before: string;
  after: string;
};

const CONTEXT = 12;

/** Hits kept per rule or detector in one field: a pasted list of thousands stays readable and quick to check. */
export const MAX_HITS = 50;

/** Offsets where each line of `value` starts, for placing many hits without rescanning the text. */
export function lineStarts(value: string): number[] {
  const starts = [0];
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last element of the ascending `sorted` that is <= `at` (binary search). */
function lastAtOrBefore(sorted: number[], at: number): number {
  let [lo, hi] = [0, sorted.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Places a hit in its field: line, column and context (`starts`: the field's lineStarts). */
export function locate(field: CheckedField, value: string, hit: Hit, starts = lineStarts(value)): Finding {
  const lineIndex = lastAtOrBefore(starts, hit.start);
  const lineStart = starts[lineIndex]!;
  const before = value.slice(Math.max(lineStart, hit.start - CONTEXT), hit.start);
  const lineEnd = value.indexOf('\n', hit.end);
  const after = value.slice(hit.end, Math.min(lineEnd === -1 ? value.length : lineEnd, hit.end + CONTEXT));
  return { ...hit, field, line: lineIndex + 1, column: [...value.slice(lineStart, hit.start)].length + 1, text: value.slice(hit.start, hit.end), before, after };
}

/** Blocking findings first, then by field and position. */
export function sortFindings(findings: Finding[]): Finding[] {
  const fieldOrder = Object.keys(FIELD_LABELS);
  return findings.sort((a, b) =>
    Number(b.blocking) - Number(a.blocking) || fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field) || a.start - b.start);
}
