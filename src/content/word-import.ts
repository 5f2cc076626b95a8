// A Word document (.docx) as an article: checked first (what it is, its size unpacked, no DTDs), converted in a
// worker thread with a time limit, its images saved as uploads, and its title, 来源 and date found for the writer to
// confirm. Old binary formats and anything else get a message saying what to do.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { Store } from '../store/store.js';
import type { Job, WorkerResult } from './docx-worker.js';
import { saveUpload, uploadUrl } from './uploads.js';

/** Unpacked, a .docx may hold this much (a bigger one is refused before conversion: a zip bomb stops here). */
const MAX_UNPACKED = 100 * 1024 * 1024;
const MAX_ENTRIES = 5_000;
const CONVERSION_MS = 20_000;

const OLD_FORMAT = '这是旧版 Word（.doc）或 WPS（.wps）格式，或是加密的文档：请在 Word 或 WPS 中打开，“另存为” Word 文档（.docx）后再导入。';
const TOO_BIG = '文档解压后太大（超过 100 MB），无法导入：请删去部分内容或压缩图片后再试。';
const NOT_WORD = '只能导入 Word 文档（.docx）。PDF 和其他格式请先在 Word 或 WPS 中打开并“另存为” .docx，或把内容复制粘贴到正文中。';

/** Why the file cannot be imported, or undefined. Reads the zip's directory and unpacks every part within the limit. */
export function wordFileProblem(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return OLD_FORMAT;
  if (bytes.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') return NOT_WORD;
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > bytes.length) return '文档已损坏，无法读取：请在 Word 中打开后重新保存再导入。';
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES || at >= bytes.length) return '文档已损坏或结构异常，无法导入。';
  let unpacked = 0;
  let hasDocument = false;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return '文档已损坏，无法读取：请在 Word 中打开后重新保存再导入。';
    const [flags, method] = [bytes.readUInt16LE(at + 8), bytes.readUInt16LE(at + 10)];
    const [nameLength, extraLength, commentLength] = [bytes.readUInt16LE(at + 28), bytes.readUInt16LE(at + 30), bytes.readUInt16LE(at + 32)];
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(at + 42);
    const compressed = bytes.readUInt32LE(at + 20);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) return OLD_FORMAT; // encrypted
    if (local + 30 > bytes.length) return '文档已损坏，无法读取。';
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    let part: Buffer;
    try {
      // Unpacked for real, with the budget left: declared sizes can lie.
      part = method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, MAX_UNPACKED - unpacked) });
    } catch (err) {
      return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? TOO_BIG : '文档已损坏，无法读取。';
    }
    unpacked += part.length;
    if (unpacked >= MAX_UNPACKED) return TOO_BIG;
    if (name === 'word/document.xml') hasDocument = true;
    // Word never writes a DTD: one is there to reach a file or multiply entities.
    if (!name.startsWith('word/media/') && /<!(?:DOCTYPE|ENTITY)/i.test(part.toString('latin1'))) return '文档含有不安全的内容，无法导入。';
  }
  return hasDocument ? undefined : NOT_WORD;
}

/**
 * The worker's file beside this one: .js as built. Under tsx (tests and commands) it is .ts, which a worker thread
 * cannot load by itself: a one-line module registers tsx in the worker first (tsx is then a dev dependency there).
 */
function workerEntry(): URL {
  const file = new URL(`./docx-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (!file.pathname.endsWith('.ts')) return file;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new URL(`data:text/javascript,${encodeURIComponent(`(await import(${JSON.stringify(tsx)})).register(); await import(${JSON.stringify(file.href)});`)}`);
}
const WORKER = workerEntry();

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a conversion in a worker thread, one at a time (imports queue), with bounded memory; one that takes too
 * long is given up.
 */
export function convertInWorker(job: Job): Promise<WorkerResult> {
  const run = queue.then(() => convertNow(job));
  queue = run.catch(() => undefined);
  return run;
}

function convertNow(job: Job): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 768 } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ error: 'timeout' });
    }, CONVERSION_MS);
    worker.once('message', (result: WorkerResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      resolve({ error: err.message });
    });
  });
}

export type ImportedDraft = {
  title: string;
  source: string;
  /** A date the document states (2026年1月9日), as written, for the writer to confirm. */
  date: string;
  bodyMd: string;
  /** Images saved as uploads; each needs its description (alt text). */
  imageCount: number;
  refusedImages: string[];
};

const DATE_LINE = /^(?:[\p{Script=Han}（）()]{0,20}\s*)?(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$/u;
const SOURCE_LINE = /^(?:来源|稿件来源|信息来源)[：:]\s*(.{1,50})$/;

/**
 * The title (the first heading, or a short first paragraph), a 来源 line and a closing date line (an issuer and a
 * date, as reports end), taken out of the body.
 */
export function articleParts(markdown: string): Pick<ImportedDraft, 'title' | 'source' | 'date' | 'bodyMd'> {
  const blocks = markdown.split('\n\n');
  let title = '';
  const first = blocks[0] ?? '';
  // The Title style (#), or a short first paragraph that is not itself a numbered section or an image.
  const heading = /^# (.+)$/.exec(first);
  if (heading || (first && [...first].length <= 60 && !/[。；！？]$/.test(first) && !/^(?:#|!\[|[-*+] |\|)/.test(first))) {
    title = (heading?.[1] ?? first).replace(/\*\*/g, '').trim();
    blocks.shift();
  }
  let source = '';
  const sourceAt = blocks.findIndex((b) => SOURCE_LINE.test(b));
  if (sourceAt !== -1 && sourceAt < 3) source = SOURCE_LINE.exec(blocks.splice(sourceAt, 1)[0]!)![1]!.trim();
  let date = '';
  // The closing date comes last, before any footnotes.
  let lastAt = blocks.length - 1;
  while (lastAt > 0 && /^\\\[\d+\\\] /.test(blocks[lastAt]!)) lastAt--;
  const dated = DATE_LINE.exec((blocks[lastAt] ?? '').replace(/\*\*/g, '').trim());
  if (dated) {
    date = dated[1]!.replace(/\s/g, '');
    blocks.splice(lastAt, 1);
  }
  return { title: title.slice(0, 200), source, date, bodyMd: blocks.join('\n\n') };
}

/** Converts the document and saves its images (checked like any upload); a problem is a message for the writer. */
export async function importWordFile(store: Store, dataDir: string, bytes: Buffer, userId: number, now: Date): Promise<ImportedDraft | { error: string }> {
  const problem = wordFileProblem(bytes);
  if (problem) return { error: problem };
  const converted = await convertInWorker({ docx: new Uint8Array(bytes) });
  if ('error' in converted) {
    return { error: converted.error === 'timeout' ? '文档太复杂，转换超时：请分成几个文档导入，或复制粘贴正文。' : '文档无法转换：请在 Word 中打开后重新保存为 .docx 再导入。' };
  }
  const refusedImages: string[] = converted.skippedImages ? [`另有 ${converted.skippedImages} 张图片超出数量或大小限制（一个文档最多 100 张、共 50 MB）`] : [];
  const urls = converted.images.map((image, i) => {
    const ext = image.contentType.split('/')[1] ?? 'bin';
    const saved = saveUpload(store, dataDir, { buffer: Buffer.from(image.bytes), originalname: `文档图片${i + 1}.${ext}`, size: image.bytes.length }, 'image', userId, now);
    if ('error' in saved) refusedImages.push(`图片 ${i + 1}：${saved.error}`);
    return 'error' in saved ? undefined : uploadUrl(saved);
  });
  // An image that could not be kept (an EMF drawing, say) leaves no broken reference behind.
  const markdown = converted.markdown
    .replace(/!\[([^\]]*)\]\(docx-image:(\d+)\)/g, (_m, alt: string, n: string) => (urls[Number(n)] ? `![${alt}](${urls[Number(n)]})` : ''))
    .replace(/!\[[^\]]*\]\(\)/g, '');
  return { ...articleParts(markdown), imageCount: urls.filter(Boolean).length, refusedImages };
}
