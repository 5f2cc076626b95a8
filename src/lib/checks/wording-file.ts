// The wording dictionary as a file, for import and export: CSV (opens in Excel and WPS: 类型,词语,建议,阻止发布,说明)
// or a plain list, one rule per line:
//   按装→安装                 a wrong phrase and its correct form
//   禁用：北朝鲜→朝鲜          a phrase not to be used (the suggestion is optional)
//   规范：中华人民共和国        a name that must be written exactly
// with “（阻止发布）” at the end of a line for a rule that stops publishing, and # for comments.
import { z } from 'zod';
import { WORDING_KINDS, type WordingKind, type WordingRule } from './wording.js';

export const MAX_IMPORT_LINES = 5_000;

const KIND_BY_LABEL = new Map<string, WordingKind>([
  ...Object.entries(WORDING_KINDS).map(([kind, label]) => [label, kind as WordingKind] as const),
  ...Object.keys(WORDING_KINDS).map((kind) => [kind, kind as WordingKind] as const),
  ['错误', 'wrong'], ['禁用', 'forbidden'], ['规范', 'protected'],
]);
const YES = new Set(['是', '1', 'true', 'yes', 'y', '阻止', '阻止发布']);
const NO = new Set(['否', '0', 'false', 'no', 'n', '', '提示']);
const CSV_HEADER = ['类型', '词语', '建议', '阻止发布', '说明'];
const BLOCKING_MARK = '（阻止发布）';

const phrase = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);

/** One rule, checked the same way from the admin form and from a file. */
export const wordingRule = z
  .object({
    kind: z.enum(Object.keys(WORDING_KINDS) as [WordingKind, ...WordingKind[]], '请选择类型'),
    phrase: phrase('词语', 50).min(1, '请填写词语').refine((v) => !/[\n\r]/.test(v), '词语不能换行'),
    suggestion: phrase('建议', 50).default(''),
    isBlocking: z.boolean().default(false),
    note: phrase('说明', 100).default(''),
  })
  .refine((r) => r.kind !== 'wrong' || r.suggestion !== '', { message: '错误写法须填写正确写法', path: ['suggestion'] })
  .refine((r) => r.suggestion !== r.phrase, { message: '建议与词语相同', path: ['suggestion'] })
  .transform((r): WordingRule => (r.kind === 'protected' ? { ...r, suggestion: '' } : r));

/** Fields of CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const toCsv = (rules: WordingRule[]) =>
  '\ufeff' + [CSV_HEADER, ...rules.map((r) => [WORDING_KINDS[r.kind], r.phrase, r.suggestion, r.isBlocking ? '是' : '否', r.note])]
    .map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

export const toText = (rules: WordingRule[]) =>
  rules.map((r) => {
    const prefix = r.kind === 'forbidden' ? '禁用：' : r.kind === 'protected' ? '规范：' : '';
    return `${prefix}${r.phrase}${r.suggestion ? `→${r.suggestion}` : ''}${r.isBlocking ? BLOCKING_MARK : ''}${r.note ? ` # ${r.note}` : ''}`;
  }).join('\n') + '\n';

export type ImportProblem = { line: number; message: string };

function fromTextLine(line: string): unknown {
  const [body, ...comment] = line.split('#');
  let text = body!.trim();
  const isBlocking = text.endsWith(BLOCKING_MARK);
  if (isBlocking) text = text.slice(0, -BLOCKING_MARK.length).trim();
  const prefix = /^(禁用|规范|错误)[：:]\s*/.exec(text);
  if (prefix) text = text.slice(prefix[0].length);
  const [from, to = ''] = text.split(/\s*(?:→|->|=>|\t)\s*/);
  return { kind: KIND_BY_LABEL.get(prefix?.[1] ?? '错误'), phrase: from, suggestion: to, isBlocking, note: comment.join('#').trim() };
}

function fromCsvRow(row: string[]): unknown {
  const [kind = '', from = '', to = '', blocking = '', note = ''] = row.map((f) => f.trim());
  if (!YES.has(blocking.toLowerCase()) && !NO.has(blocking.toLowerCase())) return { kind: 'invalid-blocking' };
  return { kind: KIND_BY_LABEL.get(kind), phrase: from, suggestion: to, isBlocking: YES.has(blocking.toLowerCase()), note };
}

/** Rules read from an imported file (CSV when its first line is the header, else the plain list), and the lines refused. */
export function parseWordingFile(text: string): { rules: WordingRule[]; problems: ImportProblem[] } {
  const clean = text.replace(/^\ufeff/, '');
  const isCsv = clean.split(/\r?\n/, 1)[0]!.split(',')[0]!.trim() === CSV_HEADER[0];
  const lines = isCsv ? parseCsv(clean).slice(1) : clean.split(/\r?\n/).map((line) => [line]);
  const rules: WordingRule[] = [];
  const problems: ImportProblem[] = [];
  if (lines.length > MAX_IMPORT_LINES) return { rules, problems: [{ line: 0, message: `一次最多导入 ${MAX_IMPORT_LINES} 条，请分批导入` }] };
  lines.forEach((fields, i) => {
    const line = i + (isCsv ? 2 : 1);
    if (fields.every((f) => f.trim() === '') || (!isCsv && fields[0]!.trim().startsWith('#'))) return;
    const raw = isCsv ? fromCsvRow(fields) : fromTextLine(fields[0]!);
    if ((raw as { kind: unknown }).kind === 'invalid-blocking') return problems.push({ line, message: '“阻止发布”一栏应填“是”或“否”' });
    const parsed = wordingRule.safeParse(raw);
    if (parsed.success) rules.push(parsed.data);
    else problems.push({ line, message: parsed.error.issues[0]!.message });
  });
  return { rules, problems };
}

/** The text of an uploaded file: UTF-8, or GBK as Excel and WPS on Chinese Windows save CSV. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}
