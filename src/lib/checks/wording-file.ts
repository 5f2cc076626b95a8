// The wording dictionary as a file, for import and export: CSV (opens in Excel and WPS: 类型,词语,建议,阻止发布,说明),
// the full format, or a plain list for quick additions, one rule per line:
//   按装→安装                 a wrong phrase and its correct form
//   禁用：北朝鲜→朝鲜          a phrase not to be used (the suggestion is optional)
//   规范：中华人民共和国        a name that must be written exactly
//   允许：削弱智能              a correct phrase containing a flagged one
// with “（阻止发布）” at the end of a line for a rule that stops publishing, and # for comments (so a phrase in the
// plain list cannot contain # or an arrow; CSV has no such limit).
import { z } from 'zod';
import { FUZZY_MIN_LENGTH, WORDING_KINDS, type WordingKind, type WordingRule } from './wording.js';

export const MAX_IMPORT_LINES = 5_000;

const KIND_BY_LABEL = new Map<string, WordingKind>([
  ...Object.entries(WORDING_KINDS).map(([kind, label]) => [label, kind as WordingKind] as const),
  ...Object.keys(WORDING_KINDS).map((kind) => [kind, kind as WordingKind] as const),
  ['错误', 'wrong'], ['禁用', 'forbidden'], ['规范', 'protected'], ['允许', 'allowed'],
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
  .refine((r) => r.kind !== 'protected' || [...r.phrase].length >= FUZZY_MIN_LENGTH, {
    message: `规范名称至少 ${FUZZY_MIN_LENGTH} 个字（短的名称如人名，请把常见的错写作为“错误写法”添加）`, path: ['phrase'],
  })
  .transform((r): WordingRule => (r.kind === 'protected' || r.kind === 'allowed' ? { ...r, suggestion: '', isBlocking: false } : r));

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

/** A CSV field, quoted when needed; one starting like a formula gets a leading ' so Excel shows it as text. */
const csvField = (value: string) => {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const fromCsvField = (value: string) => value.replace(/^'(?=[=+\-@])/, '');

export const toCsv = (rules: WordingRule[]) =>
  '\ufeff' + [CSV_HEADER, ...rules.map((r) => [WORDING_KINDS[r.kind], r.phrase, r.suggestion, r.isBlocking ? '是' : '否', r.note])]
    .map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

export const toText = (rules: WordingRule[]) =>
  rules.map((r) => {
    const prefix = { wrong: '', forbidden: '禁用：', protected: '规范：', allowed: '允许：' }[r.kind];
    return `${prefix}${r.phrase}${r.suggestion ? `→${r.suggestion}` : ''}${r.isBlocking ? BLOCKING_MARK : ''}${r.note ? ` # ${r.note}` : ''}`;
  }).join('\n') + '\n';

export type ImportProblem = { line: number; message: string };

/** A rule's fields from one line, or why the line cannot be one. */
type Read = { rule: unknown } | { problem: string };

function fromTextLine(line: string): Read {
  const [body, ...comment] = line.split('#');
  let text = body!.trim();
  const isBlocking = text.endsWith(BLOCKING_MARK);
  if (isBlocking) text = text.slice(0, -BLOCKING_MARK.length).trim();
  const prefix = /^(禁用词?|规范(?:名称)?|错误(?:写法)?|允许(?:的写法)?)[：:]\s*/.exec(text);
  if (prefix) text = text.slice(prefix[0].length);
  const parts = text.split(/\s*(?:→|->|=>|\t)\s*/);
  if (parts.length > 2) return { problem: '一行只能写一条：“错误写法→正确写法”' };
  const kind = KIND_BY_LABEL.get(prefix ? prefix[1]!.slice(0, 2) : '错误');
  return { rule: { kind, phrase: parts[0], suggestion: parts[1] ?? '', isBlocking, note: comment.join('#').trim() } };
}

function fromCsvRow(row: string[]): Read {
  const [kind = '', from = '', to = '', blocking = '', note = ''] = row.map((f) => fromCsvField(f.trim()));
  if (!YES.has(blocking.toLowerCase()) && !NO.has(blocking.toLowerCase())) return { problem: '“阻止发布”一栏应填“是”或“否”' };
  return { rule: { kind: KIND_BY_LABEL.get(kind), phrase: from, suggestion: to, isBlocking: YES.has(blocking.toLowerCase()), note } };
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
    const read = isCsv ? fromCsvRow(fields) : fromTextLine(fields[0]!);
    if ('problem' in read) return problems.push({ line, message: read.problem });
    const parsed = wordingRule.safeParse(read.rule);
    if (parsed.success) rules.push(parsed.data);
    else problems.push({ line, message: parsed.error.issues[0]!.message });
  });
  return { rules, problems };
}

/**
 * The text of an uploaded file: UTF-8, UTF-16 with its byte-order mark (Excel's "Unicode 文本"), or GBK as Excel
 * and WPS on Chinese Windows save CSV; undefined for anything that is not text (a spreadsheet, a picture).
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      try {
        text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
      } catch {
        return undefined;
      }
    }
  }
  // Control characters other than tabs and line breaks, or replacement characters: not a text file.
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(text) ? undefined : text;
}
