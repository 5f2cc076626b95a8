// What the text checks read: an article field with everything that is not prose (URLs, link targets, inline code,
// HTML tags) blanked out with spaces, so every offset still points into the field as the writer typed it.
const NOT_PROSE = [
  /^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[ \t]*$/gm, // fenced code blocks
  /`[^`\n]*`/g, // inline code
  /\]\([^)\n]*\)/g, // a Markdown link's or image's target
  /<\/?[a-z][^>\n]*>/gi, // HTML tags and <https://…> autolinks
  /\b(?:https?:\/\/|www\.)[^\s<>（）【】，。；！？“”"']+/gi, // bare addresses
];

export function proseOf(text: string): string {
  let prose = text;
  for (const pattern of NOT_PROSE) prose = prose.replace(pattern, (match) => ' '.repeat(match.length));
  return prose;
}

const HAN = /\p{Script=Han}/u;

/** Whether the character is a Chinese character (BMP; the checks need no more). */
export const isHan = (char: string | undefined) => char !== undefined && HAN.test(char);

/** The paragraphs of a Markdown text (blocks between blank lines) with the offset each starts at. */
export function paragraphs(text: string): { start: number; text: string }[] {
  const found: { start: number; text: string }[] = [];
  const blank = /\n[ \t]*\n/g;
  let start = 0;
  for (let m = blank.exec(text); m; m = blank.exec(text)) {
    found.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  found.push({ start, text: text.slice(start) });
  return found;
}

/** Every match of a global regular expression, with its offset. */
export const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)] as (RegExpExecArray & { index: number })[];
