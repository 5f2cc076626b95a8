// Typical form errors of Chinese text: quotes and brackets that do not pair up, half-width punctuation among
// Chinese characters, a doubled function word (的的), and dates that cannot exist.
import type { Hit } from './finding.js';
import { isHan, matches, paragraphs } from './prose.js';

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '（': '）', '【': '】', '〈': '〉', '「': '」', '『': '』' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
/** "1）" or "一）" opening a line or following punctuation (1）…；2）…): a numbering mark, not half of a pair. */
const NUMBERING = /(?:^|[\n，；。：、 \t])(?:[-*+][ \t]+)?(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[a-zA-Z])$/;

const hit = (start: number, end: number, message: string, suggestion = ''): Hit =>
  ({ kind: 'form', start, end, message, suggestion, blocking: false });

function unpaired(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const paragraph of paragraphs(text)) {
    const open: { char: string; at: number }[] = [];
    const waiting = new Map<string, number>(); // openers on the stack, by character: a stray closer costs no search
    for (let i = 0; i < paragraph.text.length; i++) {
      const char = paragraph.text[i]!;
      const at = paragraph.start + i;
      if (PAIRS[char]) {
        open.push({ char, at });
        waiting.set(char, (waiting.get(char) ?? 0) + 1);
      }
      const opener = CLOSERS.get(char);
      if (!opener) continue;
      if (!waiting.get(opener)) {
        if (!(char === '）' && NUMBERING.test(paragraph.text.slice(Math.max(0, i - 6), i)))) {
          hits.push(hit(at, at + 1, `${char} 前面没有与之配对的 ${opener}`, `补上 ${opener} 或删去 ${char}`));
        }
        continue;
      }
      let depth = open.length - 1;
      while (open[depth]!.char !== opener) depth--;
      const [, ...unclosed] = open.splice(depth);
      waiting.set(opener, waiting.get(opener)! - 1);
      for (const o of unclosed) {
        waiting.set(o.char, waiting.get(o.char)! - 1);
        hits.push(hit(o.at, o.at + 1, `${o.char} 没有与之配对的 ${PAIRS[o.char]}`, `补上 ${PAIRS[o.char]}`));
      }
    }
    for (const o of open) hits.push(hit(o.at, o.at + 1, `${o.char} 没有与之配对的 ${PAIRS[o.char]}`, `补上 ${PAIRS[o.char]}`));
  }
  return hits;
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。', '(': '（', ')': '）', '"': '“ ”' };

/** The character before `i`, looking past Markdown's emphasis marks. */
function previous(text: string, i: number): string | undefined {
  let j = i - 1;
  while (j >= 0 && '*_~'.includes(text[j]!)) j--;
  return text[j];
}

function halfWidth(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of matches(text, /(?<=\p{Script=Han}[*_~]*)\.{2,}/gu)) hits.push(hit(m.index, m.index + m[0].length, `中文里的省略号写成了“${m[0]}”`, '……'));
  for (const m of matches(text, /(?<!\.)[,;:?!.()"](?!\.)/g)) {
    const i = m.index;
    const [before, after] = [previous(text, i), text[i + 1]];
    const char = m[0];
    const chinese =
      char === '.' ? isHan(before) && (after === undefined || isHan(after) || /\s/.test(after))
      : char === '!' ? isHan(before) && after !== '['
      : '(")'.includes(char) ? isHan(before) || isHan(after)
      : isHan(before);
    if (chinese) hits.push(hit(i, i + 1, `中文里用了半角标点“${char}”`, FULL_WIDTH[char]));
  }
  return hits;
}

/** Function words that are (almost) never doubled, and punctuation. */
const DOUBLED = /([的是在和与及把被从向于将也都就而并了，。、；：])\1/g;
/**
 * Where the second of the pair begins a word (为了了解, 关键是是否, 现在在座, 的的确确) or the pair is an idiom
 * (不了了之, 是是非非), it is not a slip: the character before the pair and the one after it tell.
 */
const STARTS_WORD: Record<string, string> = { 了: '解结', 是: '否非', 在: '座场于', 的: '确', 和: '平谐睦', 将: '军领', 都: '市会' };
const IDIOM_BEFORE: Record<string, string> = { 了: '不一' };

function doubled(text: string): Hit[] {
  return matches(text, DOUBLED)
    .filter((m) => !(STARTS_WORD[m[1]!] ?? '').includes(text[m.index + 2] ?? '\n') && !(IDIOM_BEFORE[m[1]!] ?? '').includes(text[m.index - 1] ?? '\n'))
    .map((m) => hit(m.index, m.index + 2, `“${m[1]}”重复`, m[1]));
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const CN_DIGITS: Record<string, number> = { '〇': 0, '○': 0, '零': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二六 → 2026, 十二 → 12, 二十三 → 23. */
function chineseNumber(text: string, positional: boolean): number {
  if (positional) return Number([...text].map((c) => CN_DIGITS[c]).join(''));
  const [tens, ones] = text.includes('十') ? text.split('十') as [string, string] : ['', text];
  return (text.includes('十') ? (tens ? CN_DIGITS[tens]! : 1) * 10 : 0) + (ones ? CN_DIGITS[ones]! : 0);
}

/** Why year/month/day cannot be a date, or '' when it can (a missing year allows 29 February). */
function impossible(year: number | undefined, month: number, day: number | undefined): string {
  if (month < 1 || month > 12) return `没有 ${month} 月`;
  if (day === undefined) return '';
  const days = daysIn(year ?? 2024, month);
  if (day < 1 || day > days) return `${year ? `${year}年` : ''}${month}月只有 ${days} 天`;
  return '';
}

const DATES: { pattern: RegExp; parts: (m: RegExpExecArray) => [number | undefined, number, number | undefined] }[] = [
  { pattern: /(?<!\d)(\d{4})[ \t]*年[ \t]*(\d{1,2})[ \t]*月(?:[ \t]*(\d{1,2})[ \t]*[日号])?/g, parts: (m) => [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined] },
  { pattern: /(?<![\d.\-/年])(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*[日号]/g, parts: (m) => [undefined, Number(m[1]), Number(m[2])] },
  { pattern: /(?<![\d.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.\-/])/g, parts: (m) => [Number(m[1]), Number(m[3]), Number(m[4])] },
  {
    pattern: /([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?/g,
    parts: (m) => [chineseNumber(m[1]!, true), chineseNumber(m[2]!, false), m[3] ? chineseNumber(m[3], false) : undefined],
  },
];

function dates(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const { pattern, parts } of DATES) {
    for (const m of matches(text, pattern)) {
      const why = impossible(...parts(m));
      if (why) hits.push(hit(m.index, m.index + m[0].length, `日期不存在：${why}`, '请核对日期'));
      else if (m[0].endsWith('号')) hits.push(hit(m.index + m[0].length - 1, m.index + m[0].length, '公文中日期用“日”，不用“号”', '日'));
    }
  }
  return hits;
}

/** An image without its description (![](…), as a Word import leaves them): readers who cannot see it get nothing. */
const imagesWithoutAlt = (text: string): Hit[] =>
  // In prose the image's target is blanked: "![" followed by blanks (or "]") has no description.
  matches(text, /!\[(?=\s*\]| {2,})/g).map((m) => hit(m.index, m.index + 2, '图片没有说明（替代文字）：请在方括号中写上图片的内容，供视障读者使用', '![图片内容]'));

/** Every form error, in the order of the text. */
export const findFormErrors = (prose: string): Hit[] =>
  [...unpaired(prose), ...halfWidth(prose), ...doubled(prose), ...dates(prose), ...imagesWithoutAlt(prose)].sort((a, b) => a.start - b.start);
