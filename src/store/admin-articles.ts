// Articles as staff see them: every status, with filters, and the writes of the editor and the review workflow.
import type { Db } from '../db/open.js';
import type { Status } from '../lib/review-rules.js';
import type { ArticleFields } from './revisions.js';

export type AdminArticleRow = {
  id: number;
  title: string;
  status: Status;
  columnName: string;
  columnSlug: string;
  authorName: string | null;
  createdBy: number | null;
  updatedAt: string;
  publishedAt: string | null;
  deletedAt: string | null;
  reviewStep: number;
};

export type EditableArticle = ArticleFields & {
  id: number;
  status: Status;
  version: number;
  createdBy: number | null;
  creatorName: string | null;
  columnSlug: string;
  reviewStep: number;
  requestedPublishAt: string | null;
  isBackdated: boolean;
  publishedAt: string | null;
  deletedAt: string | null;
  reviewedBy: number | null;
  updatedAt: string;
};

export type ArticleFilters = {
  /** A column and the columns under it. */
  columnIds?: number[] | undefined;
  status?: Status | undefined;
  createdBy?: number | undefined;
  /** Typed text: found by the site search's index in titles and bodies (`match`), or in author and source. */
  text?: string | undefined;
  match?: string | undefined;
  /** The 回收站: only deleted articles instead of only undeleted ones. */
  deleted?: boolean;
};

/** What a save writes besides the editable fields. */
export type SaveExtras = { bodyHtml: string; summary: string; requestedPublishAt: string | null; isBackdated: boolean };

// Fixed fragments joined by one function: each filter is a bound parameter that is NULL when unused.
const FILTERS = `
  (a.deleted_at IS NOT NULL) = @deleted
  AND (@columnIds IS NULL OR a.column_id IN (SELECT value FROM json_each(@columnIds)))
  AND (@status IS NULL OR a.status = @status)
  AND (@createdBy IS NULL OR a.created_by = @createdBy)
  AND (@text IS NULL
       OR (@match IS NOT NULL AND a.id IN (SELECT rowid FROM articles_search WHERE articles_search MATCH @match))
       OR a.author LIKE @text ESCAPE '\\' OR a.source LIKE @text ESCAPE '\\')`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

export function adminArticleStore(db: Db) {
  const list = db.prepare(`
    SELECT a.id, a.title, a.status, c.name AS columnName, c.slug AS columnSlug, u.display_name AS authorName,
           a.created_by AS createdBy, a.updated_at AS updatedAt, a.published_at AS publishedAt,
           a.deleted_at AS deletedAt, a.review_step AS reviewStep
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    LEFT JOIN users u ON u.id = a.created_by
    WHERE ${FILTERS}
    ORDER BY a.updated_at DESC, a.id DESC
    LIMIT @limit OFFSET @offset`);
  const count = db.prepare(`SELECT COUNT(*) FROM articles a WHERE ${FILTERS}`).pluck();
  const countByStatus = db.prepare(`
    SELECT status, COUNT(*) AS count FROM articles WHERE deleted_at IS NULL GROUP BY status`);
  const one = db.prepare(`
    SELECT a.id, a.title, a.subtitle, a.column_id AS columnId, c.slug AS columnSlug, a.source, a.author, a.summary,
           a.cover_image AS coverImage, a.body_md AS bodyMd, a.status, a.version, a.created_by AS createdBy,
           u.display_name AS creatorName, a.review_step AS reviewStep, a.requested_publish_at AS requestedPublishAt,
           a.is_backdated AS isBackdated, a.published_at AS publishedAt, a.deleted_at AS deletedAt,
           a.reviewed_by AS reviewedBy, a.updated_at AS updatedAt
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    LEFT JOIN users u ON u.id = a.created_by
    WHERE a.id = ?`);
  const insert = db.prepare(`
    INSERT INTO articles (column_id, title, subtitle, source, author, body_md, body_html, summary, cover_image,
                          status, requested_publish_at, is_backdated, created_at, updated_at, created_by, updated_by)
    VALUES (@columnId, @title, @subtitle, @source, @author, @bodyMd, @bodyHtml, @summary, @coverImage,
            'draft', @requestedPublishAt, @isBackdated, @now, @now, @userId, @userId)`);
  // The version check is the optimistic lock: a save based on an older version changes nothing.
  const update = db.prepare(`
    UPDATE articles
    SET column_id = @columnId, title = @title, subtitle = @subtitle, source = @source, author = @author,
        body_md = @bodyMd, body_html = @bodyHtml, summary = @summary, cover_image = @coverImage,
        requested_publish_at = @requestedPublishAt, is_backdated = @isBackdated,
        updated_at = @now, updated_by = @userId, version = version + 1
    WHERE id = @id AND version = @version AND deleted_at IS NULL`);

  const filterParams = (f: ArticleFilters) => ({
    deleted: f.deleted ? 1 : 0,
    columnIds: f.columnIds ? JSON.stringify(f.columnIds) : null,
    status: f.status ?? null,
    createdBy: f.createdBy ?? null,
    text: f.text ? likePattern(f.text) : null,
    match: f.match ?? null,
  });
  const row = (fields: ArticleFields, extras: SaveExtras, userId: number, now: Date) => ({
    ...fields, ...extras, isBackdated: extras.isBackdated ? 1 : 0, userId, now: now.toISOString(),
  });

  return {
    /** Most recently updated first. */
    list: (filters: ArticleFilters, limit: number, offset: number) =>
      list.all({ ...filterParams(filters), limit, offset }) as AdminArticleRow[],
    count: (filters: ArticleFilters) => count.get(filterParams(filters)) as number,
    /** Undeleted articles per status. */
    countByStatus: () =>
      Object.fromEntries((countByStatus.all() as { status: Status; count: number }[]).map((r) => [r.status, r.count])) as Partial<Record<Status, number>>,
    getForEdit: (id: number) => {
      const found = one.get(id) as EditableArticle | undefined;
      return found && { ...found, isBackdated: Boolean(found.isBackdated) };
    },
    insertDraft: (fields: ArticleFields, extras: SaveExtras, userId: number, now: Date) =>
      Number(insert.run(row(fields, extras, userId, now)).lastInsertRowid),
    /** False when the article changed since `version` (or was deleted): nothing is written then. */
    update: (id: number, version: number, fields: ArticleFields, extras: SaveExtras, userId: number, now: Date) =>
      update.run({ ...row(fields, extras, userId, now), id, version }).changes === 1,
  };
}
