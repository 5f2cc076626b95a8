import path from 'node:path';
import type { Request, Response } from 'express';
import { uploadsDir } from '../content/uploads.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';

const FILE_NAME = /^\d{4}\/\d{2}\/[0-9a-f]{32}\.[a-z]{3,4}$/;

/**
 * An uploaded file, with the type found in its content, never sniffed or run by the browser; attachments are
 * downloads under their original name. Names are generated and never reused, so they are cached for a year.
 */
export const sendUpload = ({ store, config }: Deps) => (req: Request, res: Response) => {
  const fileName = `${req.params.year}/${req.params.month}/${req.params.file}`;
  const upload = FILE_NAME.test(fileName) ? store.uploads.getByFileName(fileName) : undefined;
  if (!upload) throw notFound('文件不存在或已被删除。');
  const ascii = upload.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.sendFile(path.join(uploadsDir(config.dataDir), upload.fileName), {
    dotfiles: 'deny',
    cacheControl: false,
    headers: {
      'Content-Type': upload.mime,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
      'Content-Disposition': `${upload.kind === 'image' ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(upload.originalName)}`,
    },
  });
};
