// Stores uploaded files under DATA_DIR/uploads with generated names, after checking what they are by content.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sniffFile } from '../lib/file-types.js';
import type { Store } from '../store/store.js';
import type { Upload } from '../store/uploads.js';

const MAX_SIDE = 20_000;

export type IncomingFile = { buffer: Buffer; originalname: string; size: number };

export const uploadsDir = (dataDir: string) => path.join(dataDir, 'uploads');

export const uploadUrl = (upload: Pick<Upload, 'fileName'>) => `/uploads/${upload.fileName}`;

/** The file names (2026/01/….png) of the uploads a text refers to by their /uploads/ address. */
export const uploadedFileNames = (text: string) =>
  [...text.matchAll(/\/uploads\/(\d{4}\/\d{2}\/[0-9a-f]{32}\.[a-z]{3,4})/g)].map((m) => m[1]!);

/** A client's file name, reduced to something safe to show and to offer as a download name. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '').trim()].slice(-120).join('');
  return cleaned || 'file';
}

export function saveUpload(
  store: Store,
  dataDir: string,
  file: IncomingFile,
  expected: 'image' | 'attachment',
  uploadedBy: number,
  now: Date,
): Upload | { error: string } {
  const sniffed = sniffFile(file.buffer, file.originalname);
  if ('error' in sniffed) return sniffed;
  if (expected === 'image' && sniffed.kind !== 'image') return { error: '请选择图片文件（.jpg、.png、.gif、.webp）' };
  if (sniffed.kind === 'image' && !(sniffed.width! >= 1 && sniffed.height! >= 1 && sniffed.width! <= MAX_SIDE && sniffed.height! <= MAX_SIDE)) {
    return { error: `图片尺寸无效：宽和高应在 1 到 ${MAX_SIDE} 像素之间` };
  }
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const fileName = `${month}/${randomBytes(16).toString('hex')}.${sniffed.ext}`;
  const target = path.join(uploadsDir(dataDir), fileName);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, file.buffer, { flag: 'wx', mode: 0o644 }); // never executable, never overwriting
  const upload = {
    articleId: null,
    // An image added under 附件 (a scanned notice, say) is an attachment: listed for download with the others.
    kind: expected,
    fileName,
    originalName: cleanName(file.originalname),
    mime: sniffed.mime,
    size: file.size,
    width: sniffed.width ?? null,
    height: sniffed.height ?? null,
    uploadedBy,
  };
  return { ...upload, id: store.uploads.insert(upload, now), createdAt: now.toISOString() };
}

/** Sizes of our uploaded images by URL, for width/height attributes in rendered Markdown. */
export const uploadedImageSizes = (store: Store) => (src: string) => {
  if (!src.startsWith('/uploads/')) return undefined;
  const upload = store.uploads.getByFileName(src.slice('/uploads/'.length));
  return upload?.width && upload.height ? { width: upload.width, height: upload.height } : undefined;
};
