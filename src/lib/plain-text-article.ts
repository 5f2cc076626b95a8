// Parses a news page saved as plain text (header, breadcrumb, title, 来源/时间 line, body, footer) into an article.
// Old pages saved by different people vary, so every step tolerates the variants seen in practice and
// anything it cannot read with confidence becomes an error naming the problem, never a guess.
import { beijingToIso } from './dates.js';

export type ParsedArticle = {
  /** Breadcrumb segments after 首页, e.g. ['新闻中心', '工作动态']; empty when the page had none. */
  breadcrumb: string[];
  title: string;
  subtitle: string;
  source: string;
  author: string;
  /** UTC ISO-8601. */
  publishedAt: string;
  bodyMarkdown: string;
};

export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; error: string };

const BREADCRUMB = /^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]\s*(.*)$/;
const BREADCRUMB_SEPARATOR = /\s*(?:>>|»|›|>|＞|→|\/)\s*/;
const META_LABEL = /(信息来源|来源|作者|发布时间|发布日期|时间|日期|浏览次数|点击次数|阅读次数|字号)\s*[:：]/g;
const META_LINE = /^(?:信息来源|来源|作者|发布时间|发布日期|时间|日期)\s*[:：]/;
// Lines of a page's footer; only a run of them at the very end of the file is taken as the footer.
const FOOTER_LINE = /^(?:版权所有|copyright|©|主办单位|主办[:：]|承办单位|协办单位|网站标识码|技术支持|地址[:：]|联系地址|电话[:：]|联系电话|传真[:：]|邮编|邮政编码|e-?mail|电子邮箱|举报)|ICP备\d|公网安备\d/i;
// Page tools around the title and the body: print and close buttons, font-size switches, share links.
const PAGE_TOOL_LINE = /^(?:【?打印本页|【?关闭窗口|【?字体|【?字号|上一篇[:：]|下一篇[:：]|分享到|【?返回顶部)/;
// Trailing breadcrumb segments that name the page type rather than a column.
const NOT_A_COLUMN = new Set(['正文', '详情', '内容', '详细内容', '文章内容']);
const MAX_TITLE_LENGTH = 200;
const TRAILING_SOURCE = /^[(（]?来源\s*[:：]\s*(.*?)[)）]?$/;
const DATE = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})\s*秒?)?)?/;
const SECTION_HEADING = /^[一二三四五六七八九十百]+、/;
const SUBSECTION_HEADING = /^[（(][一二三四五六七八九十]+[）)]/;

export function parsePlainTextArticle(text: string): ParseResult {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !PAGE_TOOL_LINE.test(line));

  const crumbAt = lines.findIndex((line) => BREADCRUMB.test(line));
  const metaAt = lines.findIndex((line, i) => i > crumbAt && META_LINE.test(line));
  if (metaAt < 0) return fail('no 来源/时间 line found under the title');

  const titleLines = lines.slice(crumbAt + 1, metaAt);
  if (titleLines.length === 0) return fail('no title found above the 来源/时间 line');
  if (crumbAt >= 0 && titleLines.length > 2) {
    return fail(`cannot tell the title among ${titleLines.length} lines between the breadcrumb and the 来源/时间 line`);
  }
  // Without a breadcrumb, lines above the title are the page header (e.g. 新闻中心): the title is the last one.
  const [title, subtitle = ''] = crumbAt >= 0 ? titleLines : titleLines.slice(-1);
  if ([...title!].length > MAX_TITLE_LENGTH) return fail(`title longer than ${MAX_TITLE_LENGTH} characters`);

  // The 来源/作者/时间 fields may spread over several lines; they end with the line that gives the date, so a
  // body opening with 时间：… (a notice's meeting time) stays in the body.
  let metaEnd = metaAt;
  while (!DATE.test(lines[metaEnd]!.normalize('NFKC')) && metaEnd + 1 < lines.length && META_LINE.test(lines[metaEnd + 1]!)) metaEnd++;
  const meta = readMeta(lines.slice(metaAt, metaEnd + 1).join(' '));
  if (!meta.dateText) return fail('no date in the 来源/时间 line');
  const publishedAt = parseDate(meta.dateText);
  if (!publishedAt) return fail(`impossible date "${meta.dateText}"`);

  const body = lines.slice(metaEnd + 1);
  while (body.length > 0 && FOOTER_LINE.test(body[body.length - 1]!)) body.pop();
  let source = meta.source;
  const trailing = body.length > 0 ? TRAILING_SOURCE.exec(body[body.length - 1]!) : null;
  if (trailing) {
    body.pop();
    source ||= trailing[1]!.trim();
  }
  if (body.length === 0) return fail('no body text under the 来源/时间 line');

  return {
    ok: true,
    article: {
      breadcrumb: crumbAt >= 0 ? breadcrumbSegments(lines[crumbAt]!) : [],
      title: title!,
      subtitle,
      source,
      author: meta.author,
      publishedAt,
      bodyMarkdown: body.map(paragraphToMarkdown).join('\n\n') + '\n',
    },
  };
}

const fail = (error: string): ParseResult => ({ ok: false, error });

function breadcrumbSegments(line: string): string[] {
  const trail = BREADCRUMB.exec(line)![1]!;
  const segments = trail
    .split(BREADCRUMB_SEPARATOR)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '' && segment !== '首页');
  while (segments.length > 0 && NOT_A_COLUMN.has(segments.at(-1)!)) segments.pop();
  return segments;
}

/** Values of the labelled fields on the 来源/作者/时间 line(s); a label with nothing after it gives ''. */
function readMeta(line: string): { source: string; author: string; dateText: string } {
  const normalized = line.normalize('NFKC'); // full-width digits and colons become ASCII
  const labels = [...normalized.matchAll(META_LABEL)];
  const values = new Map<string, string>();
  labels.forEach((match, i) => {
    const end = labels[i + 1]?.index ?? normalized.length;
    const value = normalized.slice(match.index + match[0].length, end).trim();
    if (!values.has(match[1]!)) values.set(match[1]!, value);
  });
  const dateField = ['发布时间', '发布日期', '时间', '日期'].map((label) => values.get(label)).find(Boolean);
  return {
    source: values.get('来源') || values.get('信息来源') || '',
    author: values.get('作者') ?? '',
    dateText: DATE.exec(dateField ?? normalized)?.[0] ?? '',
  };
}

function parseDate(text: string): string | undefined {
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = DATE.exec(text)!;
  return beijingToIso({
    year: Number(year), month: Number(month), day: Number(day),
    hour: Number(hour), minute: Number(minute), second: Number(second),
  });
}

/** One line of the page is one paragraph; outline numbering (一、 / （一）) marks headings in Chinese reports. */
function paragraphToMarkdown(line: string): string {
  const text = escapeMarkdown(line);
  const short = [...line].length <= 40 && !/[。；;！!？?]$/.test(line);
  if (short && SECTION_HEADING.test(line)) return `## ${text}`;
  if (short && SUBSECTION_HEADING.test(line)) return `### ${text}`;
  return text;
}

/** Plain text is not Markdown: escape what marked would otherwise read as syntax. */
function escapeMarkdown(line: string): string {
  return line
    .replace(/[\\`*_[\]<>#~|&!]/g, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
