// What an uploaded file really is, decided by its content (magic bytes), never by its name.

export type Sniffed = {
  kind: 'image' | 'attachment';
  mime: string;
  ext: string;
  width?: number;
  height?: number;
};

export const IMAGE_TYPES = '.jpg, .png, .gif, .webp';
export const ATTACHMENT_TYPES = '.pdf, .doc, .docx, .xls, .xlsx, .ppt, .pptx';

const starts = (buf: Buffer, bytes: number[] | string, at = 0) =>
  typeof bytes === 'string' ? buf.toString('latin1', at, at + bytes.length) === bytes : bytes.every((b, i) => buf[at + i] === b);

const extOf = (name: string) => /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/** The file's type, or a Chinese message saying why it is refused. */
export function sniffFile(buf: Buffer, originalName: string): Sniffed | { error: string } {
  const claimed = extOf(originalName);
  const image = sniffImage(buf);
  if (image) {
    const sameFamily = claimed === image.ext || (claimed === 'jpeg' && image.ext === 'jpg');
    return sameFamily || !claimed ? image : { error: `文件内容是 ${image.ext.toUpperCase()} 图片，与扩展名 .${claimed} 不符` };
  }
  const document = sniffDocument(buf, claimed);
  if (document) {
    return document.ext === claimed ? document : { error: `文件内容是 .${document.ext} 文件，与扩展名 .${claimed || '（无）'} 不符` };
  }
  return { error: `不支持的文件类型：只能上传图片（${IMAGE_TYPES}）或附件（${ATTACHMENT_TYPES}）` };
}

function sniffImage(buf: Buffer): Sniffed | undefined {
  if (starts(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && buf.length >= 24) {
    return { kind: 'image', mime: 'image/png', ext: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  if (starts(buf, 'GIF87a') || starts(buf, 'GIF89a')) {
    return buf.length >= 10 ? { kind: 'image', mime: 'image/gif', ext: 'gif', width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) } : undefined;
  }
  if (starts(buf, 'RIFF') && starts(buf, 'WEBP', 8) && buf.length >= 30) {
    const size = webpSize(buf);
    return size && { kind: 'image', mime: 'image/webp', ext: 'webp', ...size };
  }
  if (starts(buf, [0xff, 0xd8, 0xff])) {
    const size = jpegSize(buf);
    return size && { kind: 'image', mime: 'image/jpeg', ext: 'jpg', ...size };
  }
  return undefined;
}

function webpSize(buf: Buffer) {
  const chunk = buf.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && starts(buf, [0x9d, 0x01, 0x2a], 23)) {
    return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L' && buf[20] === 0x2f) {
    const bits = buf.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
  return undefined;
}

function jpegSize(buf: Buffer) {
  let at = 2;
  while (at + 9 < buf.length) {
    if (buf[at] !== 0xff) return undefined;
    const marker = buf[at + 1]!;
    if (marker === 0xff) { at++; continue; } // fill byte
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7) };
    at += 2 + buf.readUInt16BE(at + 2);
  }
  return undefined;
}

const OFFICE_ZIP: [string, string, string][] = [
  ['docx', 'word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['pptx', 'ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];
const OLE_MIME: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

function sniffDocument(buf: Buffer, claimed: string): Sniffed | undefined {
  if (starts(buf, '%PDF-')) return { kind: 'attachment', mime: 'application/pdf', ext: 'pdf' };
  if (starts(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office Open XML file is a zip whose entry names (stored in plain bytes) say which application it is for.
    const names = buf.toString('latin1');
    if (!names.includes('[Content_Types].xml')) return undefined;
    const found = OFFICE_ZIP.find(([, folder]) => names.includes(folder));
    return found && { kind: 'attachment', ext: found[0], mime: found[2] };
  }
  if (starts(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Old binary Office files share one container; the name decides among the three, the container rules out the rest.
    const ext = claimed in OLE_MIME ? claimed : 'doc';
    return { kind: 'attachment', mime: OLE_MIME[ext]!, ext };
  }
  return undefined;
}

/** 1.5 MB, 320 KB: how readers and staff see a file's size. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
