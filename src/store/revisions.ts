import type { Db } from '../db/open.js';

/** The editable fields of an article, as kept in each revision. */
export type ArticleFields = {
  title: string;
  subtitle: string;
  columnId: number;
  source: string;
  author: string;
  summary: string;
  coverImage: string;
  bodyMd: string;
};

export type Revision = {
  version: number;
  userId: number | null;
  userName: string | null;
  changed: (keyof ArticleFields)[];
  snapshot: ArticleFields;
  createdAt: string;
};

type Row = Omit<Revision, 'changed' | 'snapshot'> & { changed: string; snapshot: string };

const REVISIONS = `
  SELECT r.version, r.user_id AS userId, u.display_name AS userName, r.changed, r.snapshot, r.created_at AS createdAt
  FROM article_revisions r
  LEFT JOIN users u ON u.id = r.user_id`;

const toRevision = (row: Row | undefined): Revision | undefined =>
  row && { ...row, changed: JSON.parse(row.changed), snapshot: JSON.parse(row.snapshot) };

export function revisionStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO article_revisions (article_id, version, user_id, changed, snapshot, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const list = db.prepare(`${REVISIONS} WHERE r.article_id = ? ORDER BY r.version DESC`);
  const one = db.prepare(`${REVISIONS} WHERE r.article_id = ? AND r.version = ?`);
  return {
    insert: (articleId: number, version: number, userId: number | null, changed: string[], snapshot: ArticleFields, now: Date) =>
      insert.run(articleId, version, userId, JSON.stringify(changed), JSON.stringify(snapshot), now.toISOString()),
    /** Newest first. */
    list: (articleId: number) => (list.all(articleId) as Row[]).map((row) => toRevision(row)!),
    get: (articleId: number, version: number) => toRevision(one.get(articleId, version) as Row | undefined),
  };
}
