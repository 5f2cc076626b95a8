import path from 'node:path';
import type { Request, Response } from 'express';
import { uploadsDir } from '../content/uploads.js';
import type { Deps } from '../web/deps.js';
import { readCookie } from '../web/cookies.js';
import { notFound } from '../web/errors.js';
import { SESSION_COOKIE } from '../web/session.js';

const FILE_NAME = /^\d{4}\/\d{2}\/[0-9a-f]{32}\.[a-z]{3,4}$/;

/** Staff who are logged in (the session cookie is sent site-wide) may open files readers cannot see yet. */
function isStaff({ store, now }: Deps, req: Request): boolean {
  const token = readCookie(req, SESSION_COOKIE);
  const session = token ? store.sessions.getByToken(token, now()) : undefined;
  const user = session?.userId ? store.users.getById(session.userId) : undefined;
  return Boolean(user && !user.isDisabled);
}

/**
 * An uploaded file, with the type found in its content, never sniffed or run by the browser; attachments are
 * downloads under their original name. Readers get the files of public articles only: a withdrawn or deleted
 * article takes its files down with it (cached for ten minutes at most), and drafts' files stay with the staff.
 */
export const sendUpload = (deps: Deps) => (req: Request, res: Response) => {
  const { store, config, now } = deps;
  const fileName = `${req.params.year}/${req.params.month}/${req.params.file}`;
  const upload = FILE_NAME.test(fileName) ? store.uploads.getByFileName(fileName) : undefined;
  const isPublic = upload?.articleId != null && store.articles.getPublished(upload.articleId, now()) !== undefined;
  if (!upload || (!isPublic && !isStaff(deps, req))) throw notFound('文件不存在或已被删除。');
  const ascii = upload.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.sendFile(path.join(uploadsDir(config.dataDir), upload.fileName), {
    dotfiles: 'deny',
    cacheControl: false,
    headers: {
      'Content-Type': upload.mime,
      'Cache-Control': isPublic ? 'public, max-age=600' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
      'Content-Disposition': `${upload.kind === 'image' ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(upload.originalName)}`,
    },
  });
};
