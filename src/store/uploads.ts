import type { Db } from '../db/open.js';

export type Upload = {
  id: number;
  articleId: number | null;
  kind: 'image' | 'attachment';
  fileName: string;
  originalName: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  uploadedBy: number | null;
  createdAt: string;
};

export type NewUpload = Omit<Upload, 'id' | 'createdAt'>;

const UPLOADS = `
  SELECT id, article_id AS articleId, kind, file_name AS fileName, original_name AS originalName, mime, size,
         width, height, uploaded_by AS uploadedBy, created_at AS createdAt
  FROM uploads`;

export function uploadStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO uploads (article_id, kind, file_name, original_name, mime, size, width, height, uploaded_by, created_at)
    VALUES (@articleId, @kind, @fileName, @originalName, @mime, @size, @width, @height, @uploadedBy, @now)`);
  const byFileName = db.prepare(`${UPLOADS} WHERE file_name = ?`);
  const byIds = db.prepare(`${UPLOADS} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const forArticle = db.prepare(`${UPLOADS} WHERE article_id = ? AND kind = ? ORDER BY id`);
  // Only files the user uploaded and nobody has claimed, or that are already this article's, can be attached to it.
  const link = db.prepare(`
    UPDATE uploads SET article_id = @articleId
    WHERE id IN (SELECT value FROM json_each(@ids))
      AND (article_id = @articleId OR (article_id IS NULL AND uploaded_by = @userId))`);
  const linkFiles = db.prepare(`
    UPDATE uploads SET article_id = @articleId
    WHERE file_name IN (SELECT value FROM json_each(@fileNames))
      AND (article_id = @articleId OR (article_id IS NULL AND uploaded_by = @userId))`);
  const ofPublic = db.prepare(`
    SELECT u.file_name FROM uploads u JOIN articles a ON a.id = u.article_id
    WHERE a.status = 'published' AND a.deleted_at IS NULL AND a.published_at <= ?`).pluck();
  const detach = db.prepare(`
    UPDATE uploads SET article_id = NULL
    WHERE article_id = @articleId AND kind = 'attachment' AND id IN (SELECT value FROM json_each(@ids))`);
  return {
    insert: (upload: NewUpload, now: Date) => Number(insert.run({ ...upload, now: now.toISOString() }).lastInsertRowid),
    getByFileName: (fileName: string) => byFileName.get(fileName) as Upload | undefined,
    listByIds: (ids: number[]) => byIds.all(JSON.stringify(ids)) as Upload[],
    listForArticle: (articleId: number, kind: Upload['kind']) => forArticle.all(articleId, kind) as Upload[],
    linkToArticle: (ids: number[], articleId: number, userId: number) =>
      link.run({ ids: JSON.stringify(ids), articleId, userId }).changes,
    /** File names of the uploads of articles readers can see at `now`. */
    listPublicFileNames: (now: Date) => ofPublic.all(now.toISOString()) as string[],
    /** Links the images an article shows (by file name, from its body and cover), on the same terms. */
    linkFilesToArticle: (fileNames: string[], articleId: number, userId: number) =>
      linkFiles.run({ fileNames: JSON.stringify(fileNames), articleId, userId }).changes,
    detachAttachments: (ids: number[], articleId: number) => detach.run({ ids: JSON.stringify(ids), articleId }).changes,
  };
}
