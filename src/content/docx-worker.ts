// Converts one .docx in a worker thread, so a large document never holds up the requests the process serves:
// mammoth reads the document (styles, lists, tables, footnotes, images) as HTML, lib/word-markdown.ts makes clean
// Markdown of it. Images come back as bytes, referenced in the text as docx-image:N until they are saved.
import { parentPort, workerData } from 'node:worker_threads';
import mammoth from 'mammoth';
import { wordHtmlToMarkdown } from '../lib/word-markdown.js';

/** Word's and WPS's heading styles, one level down: the article's title is the page's only h1. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh",
  ...[1, 2, 3, 4].flatMap((n) => [`p[style-name='heading ${n}'] => h${n + 1}:fresh`, `p[style-name='Heading ${n}'] => h${n + 1}:fresh`, `p[style-name='标题 ${n}'] => h${n + 1}:fresh`]),
];

export type WorkerResult = { markdown: string; images: { contentType: string; bytes: Uint8Array }[] } | { error: string };

const images: { contentType: string; bytes: Uint8Array }[] = [];
let result: WorkerResult;
try {
  const converted = await mammoth.convertToHtml({ buffer: Buffer.from(workerData as Uint8Array) }, {
    styleMap: STYLE_MAP,
    ignoreEmptyParagraphs: true,
    convertImage: mammoth.images.imgElement(async (image) => {
      images.push({ contentType: image.contentType, bytes: new Uint8Array(await image.readAsBuffer()) });
      return { src: `docx-image:${images.length - 1}` };
    }),
  });
  result = { markdown: wordHtmlToMarkdown(converted.value), images };
} catch (err) {
  result = { error: (err as Error).message };
}
parentPort!.postMessage(result);
