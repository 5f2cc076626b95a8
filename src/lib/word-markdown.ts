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
const OUTLINE: [RegExp, string][] = [
  [/^[一二三四五六七八九十百]+、/, '##'],
  [/^[（(][一二三四五六七八九十百]+[）)]/, '###'],
  [/^\d{1,2}\\?[.．、](?!\d)/, '####'], // turndown escapes 1. in a paragraph as 1\.
];

function createService(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', emDelimiter: '*', strongDelimiter: '**', codeBlockStyle: 'fenced' });
  // What only dresses the text (Word's <span style>, <font>, <u> for emphasis, <mark>) keeps the text, not the dress.
  service.remove(['style', 'script', 'meta', 'link', 'title', 'head', 'xml' as keyof HTMLElementTagNameMap, 'o:p' as keyof HTMLElementTagNameMap]);
  service.addRule('line-break', { filter: 'br', replacement: () => '' });
  service.addRule('table', {
    filter: 'table',
    replacement: (_content, node) => {
      // Array.from, not spread: the DOM turndown uses in Node has array-like, not iterable, lists.
      const rows = Array.from((node as HTMLTableElement).querySelectorAll('tr')).map((tr) =>
        Array.from(tr.querySelectorAll('th, td')).map((cell) => service.turndown((cell as HTMLElement).innerHTML).replace(/\n+/g, ' ').replace(/\|/g, '\\|').trim()));
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

/** One paragraph of the converted text, cleaned; a numbered outline line becomes a heading. */
function cleanParagraph(block: string): string {
  if (/^(?:#|[-*+] |\d+\. |\||!\[|```|\\\[)/.test(block)) return block.replace(INDENT, '');
  const text = block.split('\n').map((line) => line.replace(INDENT, '').trimEnd()).join('');
  const plain = text.replace(/\*\*/g, '').replace(/^(\d{1,2})\\\./, '$1.');
  const level = OUTLINE.find(([pattern]) => pattern.test(plain))?.[1];
  if (level && [...plain].length <= MAX_HEADING && !/[。；：！？]$/.test(plain)) return `${level} ${plain}`;
  return text;
}

/**
 * Clean Markdown from HTML. Paragraphs are separated by one blank line; empty ones (and Word's &nbsp; paragraphs)
 * go; a Word heading already marked as such keeps its level.
 */
export function wordHtmlToMarkdown(html: string): string {
  const markdown = service.turndown(html.replace(/<!--[\s\S]*?-->/g, ''));
  return markdown
    .replace(/\u00a0/g, ' ')
    .split(/\n{2,}/)
    .map((block) => cleanParagraph(block.trim()))
    .filter((block) => block.replace(/[\s\u3000*_]/g, '') !== '')
    .join('\n\n');
}
