// Conversions in a worker thread, so a large or hostile document never holds up the requests the process serves:
// a .docx (mammoth reads styles, lists, tables, footnotes, images as HTML) or pasted HTML, made clean Markdown by
// lib/word-markdown.ts. Images come back as bytes, once each however often they are used, referenced in the text as
// docx-image:N until they are saved.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import mammoth from 'mammoth';
import { wordHtmlToMarkdown } from '../lib/word-markdown.js';

/** Word's and WPS's heading styles, one level down: the article's title is the page's only h1. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh",
  ...[1, 2, 3, 4].flatMap((n) => [`p[style-name='heading ${n}'] => h${n + 1}:fresh`, `p[style-name='Heading ${n}'] => h${n + 1}:fresh`, `p[style-name='标题 ${n}'] => h${n + 1}:fresh`]),
];
/** Images kept from one document, and their bytes together. */
const MAX_IMAGES = 100;
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export type Job = { docx: Uint8Array } | { html: string };
export type WorkerResult = { markdown: string; images: { contentType: string; bytes: Uint8Array }[]; skippedImages: number } | { error: string };

async function convert(job: Job): Promise<WorkerResult> {
  if ('html' in job) return { markdown: wordHtmlToMarkdown(job.html), images: [], skippedImages: 0 };
  const images: { contentType: string; bytes: Uint8Array }[] = [];
  const seen = new Map<string, number>();
  let [bytes, skippedImages] = [0, 0];
  const converted = await mammoth.convertToHtml({ buffer: Buffer.from(job.docx) }, {
    styleMap: STYLE_MAP,
    ignoreEmptyParagraphs: true,
    convertImage: mammoth.images.imgElement(async (image) => {
      const data = new Uint8Array(await image.readAsBuffer());
      const hash = createHash('sha256').update(data).digest('hex');
      if (!seen.has(hash)) {
        if (images.length >= MAX_IMAGES || bytes + data.length > MAX_IMAGE_BYTES) return (skippedImages++, { src: '' });
        seen.set(hash, images.push({ contentType: image.contentType, bytes: data }) - 1);
        bytes += data.length;
      }
      return { src: `docx-image:${seen.get(hash)}`, alt: (image as { altText?: string }).altText ?? '' };
    }),
  });
  return { markdown: wordHtmlToMarkdown(converted.value), images, skippedImages };
}

let result: WorkerResult;
try {
  result = await convert(workerData as Job);
} catch (err) {
  result = { error: (err as Error).message }; // a stack overflow on absurd nesting included
}
parentPort!.postMessage(result);
