// HTML from Word, WPS or a web page (a converted .docx, or what the clipboard holds) as the clean Markdown an
// article is written in. Kept: headings, paragraphs, bold and italic, lists, tables, links, images, footnotes.
// Dropped: fonts, colours, sizes, highlight, classes and styles, empty paragraphs, leading full-width spaces (　　),
// manual line breaks inside a paragraph. Paragraphs opening with the outline numbering of Chinese reports become
// headings at its level: 一、 → ##, （一） → ###, 1. / 1、 → ####, when short enough to be a heading.
import TurndownService from 'turndown';

/** Spaces Word and WPS put at the start of a paragraph for the first-line indent, and non-breaking spaces. */
const INDENT = /^[\u3000\u00a0\u2002\u2003 \t]+/;
/** A heading is a short line without a sentence's end (一、总体要求); a long one is a numbered paragraph. */
const MAX_HEADING = 40;
/** The outline numbering of Chinese official documents, from the top level down (GB/T 9704). */
const OUTLINE = [
  /^[一二三四五六七八九十百]+、/,
  /^[（(][一二三四五六七八九十百]+[）)]/,
  /^\d{1,2}\\?[.．](?!\d)/, // turndown escapes 1. in a paragraph as 1\.
  /^[（(]\d{1,2}[）)]/,
];
const DATE_ONLY = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;

function createService(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', emDelimiter: '*', strongDelimiter: '**', codeBlockStyle: 'fenced' });
  // What only dresses the text (Word's <span style>, <font>, <u> for emphasis, <mark>) keeps the text, not the dress.
  service.remove(['style', 'script', 'meta', 'link', 'title', 'head', 'xml' as keyof HTMLElementTagNameMap, 'o:p' as keyof HTMLElementTagNameMap]);
  // A manual line break inside a paragraph: marked for cleanParagraph, which joins or splits the lines.
  service.addRule('line-break', { filter: 'br', replacement: () => '\n' });
  service.addRule('table', {
    filter: 'table',
    // The table's own rows and each cell's text (a nested layout table is read as text, once: converting cells
    // again would cost exponential time on tables inside tables).
    replacement: (_content, node) => {
      const children = (el: Node, names: string[]) => Array.from(el.childNodes).filter((c) => names.includes(c.nodeName));
      const rows = children(node, ['TR', 'THEAD', 'TBODY', 'TFOOT']).flatMap((c) => (c.nodeName === 'TR' ? [c] : children(c, ['TR'])))
        .map((tr) => children(tr, ['TD', 'TH']).map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()));
      if (rows.length === 0) return '';
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      return `\n\n${[line(rows[0]!), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n')}\n\n`;
    },
  });
  // Footnotes (mammoth: <sup><a href="#footnote-1">[1]</a></sup> and a list of notes at the end): a superscript [1]
  // (the sanitiser keeps <sup>) and the notes as paragraphs "[1] …", as printed reports have them.
  service.addRule('footnote-ref', {
    filter: (node) => node.nodeName === 'SUP' && /^#(?:foot|end)note-\d+$/.test(node.querySelector('a')?.getAttribute('href') ?? ''),
    replacement: (_content, node) => `<sup>[${/\d+/.exec((node as HTMLElement).querySelector('a')!.getAttribute('href')!)![0]}]</sup>`,
  });
  service.addRule('footnote-back', { filter: (node) => node.nodeName === 'A' && /^#(?:foot|end)note-ref-\d+$/.test(node.getAttribute('href') ?? ''), replacement: () => '' });
  service.addRule('footnotes', {
    filter: (node) => node.nodeName === 'LI' && /^(?:foot|end)note-\d+$/.test(node.getAttribute('id') ?? ''),
    replacement: (content, node) => `\n\n\\[${/\d+/.exec((node as HTMLElement).id)![0]}\\] ${content.replace(/\s+/g, ' ').trim()}\n\n`,
  });
  return service;
}

const service = createService();

const isHan = (c: string | undefined) => c !== undefined && /\p{Script=Han}|[，。；：！？、“”（）《》]/u.test(c);

/** Lines joined by a manual line break: nothing between Chinese characters, a space between words. */
const joinLines = (lines: string[]) =>
  lines.reduce((text, line) => (text === '' ? line : text + (isHan(text.at(-1)) || isHan(line[0]) ? '' : ' ') + line), '');

/**
 * One paragraph of the converted text, cleaned: indents out, its lines joined — except a numbered heading or a
 * closing date on a line of its own (单位⏎2026年1月9日), which stay paragraphs of their own.
 */
function cleanParagraph(block: string): string[] {
  if (/^(?:#|[-*+] |\d+\. |\||!\[|```|>|\\\[)/.test(block)) return [block.replace(INDENT, '')];
  const lines = block.split('\n').map((line) => line.replace(INDENT, '').trim()).filter(Boolean);
  const out: string[] = [];
  if (lines.length > 1 && OUTLINE.some((p) => p.test(lines[0]!.replace(/\*\*/g, ''))) && [...lines[0]!].length <= MAX_HEADING) out.push(lines.shift()!);
  const last = lines.length > 1 && DATE_ONLY.test(lines.at(-1)!) ? lines.pop()! : undefined;
  out.push(joinLines(lines));
  if (last) out.push(last);
  return out;
}

/** The outline level (0 for 一、) of a short line that reads as a heading, or undefined. */
function outlineLevel(block: string): number | undefined {
  const plain = block.replace(/\*\*/g, '');
  if ([...plain].length > MAX_HEADING || /[。；：！？]$/.test(plain)) return undefined;
  const level = OUTLINE.findIndex((p) => p.test(plain));
  return level === -1 ? undefined : level;
}

/**
 * Clean Markdown from HTML. Paragraphs are separated by one blank line; empty ones (and Word's &nbsp; paragraphs)
 * go. Numbered outline lines become headings by the levels the document uses, from ## down (a report with 一、 and
 * 1. but no （一） gets ## and ###); 1. or （1） alone, with no 一、 or （一） above them, are just paragraphs (a list of
 * 附件, say).
 */
export function wordHtmlToMarkdown(html: string): string {
  const blocks = service.turndown(html.replace(/<!--[\s\S]*?-->/g, ''))
    .replace(/\u00a0/g, ' ')
    .replace(/^(\s*(?:\d+\.|[-*+]))[ \t]{2,}/gm, '$1 ') // Word pads list numbers with spaces: a code block otherwise
    .split(/\n{2,}/)
    .flatMap((block) => cleanParagraph(block.trim()))
    .filter((block) => block.replace(/[\s\u3000*_]/g, '') !== '');
  const used = [...new Set(blocks.map(outlineLevel).filter((l): l is number => l !== undefined))].sort();
  const headed = used[0] !== undefined && used[0] <= 1 ? used : [];
  return blocks
    .map((block) => {
      const level = outlineLevel(block);
      if (level === undefined || !headed.includes(level)) return block;
      return `${'#'.repeat(2 + headed.indexOf(level))} ${block.replace(/\*\*/g, '').replace(/^(\d{1,2})\\\./, '$1.')}`;
    })
    .join('\n\n');
}
