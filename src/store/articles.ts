import type { Db } from '../db/open.js';

/** A row in any public list. */
export type ArticleListItem = {
  id: number;
  title: string;
  columnSlug: string;
  columnName: string;
  publishedAt: string;
};

export type PublicArticle = ArticleListItem & {
  columnId: number;
  subtitle: string;
  source: string;
  author: string;
  bodyHtml: string;
  summary: string;
  coverImage: string;
  updatedAt: string;
  /** Who gave the final approval (审核); null for imported articles. */
  reviewerName: string | null;
  viewCount: number;
};

/** What sitemaps list for each article. */
export type SitemapEntry = { id: number; columnSlug: string; publishedAt: string; updatedAt: string; title: string };

/** What feeds carry for each article. */
export type FeedItem = ArticleListItem & { summary: string; bodyHtml: string; source: string; author: string; updatedAt: string };

export type ImportedArticle = {
  columnId: number;
  title: string;
  subtitle: string;
  source: string;
  author: string;
  bodyMd: string;
  bodyHtml: string;
  summary: string;
  publishedAt: string;
  importKey: string;
};

// What readers may see: published, not deleted, and due (a future published_at is a scheduled article).
const PUBLIC = `a.status = 'published' AND a.deleted_at IS NULL AND a.published_at <= @now`;
const LIST_FIELDS = `a.id, a.title, c.slug AS columnSlug, c.name AS columnName, a.published_at AS publishedAt`;
const IN_COLUMNS = `a.column_id IN (SELECT value FROM json_each(@columnIds))`;
const NEWEST_FIRST = `ORDER BY a.published_at DESC, a.id DESC`;

export function articleStore(db: Db) {
  // By rowid (SQLite otherwise seeks a wide index first and scans the small users table: 45 µs instead of 27).
  const published = db.prepare(`
    SELECT ${LIST_FIELDS}, a.column_id AS columnId, a.subtitle, a.source, a.author, a.body_html AS bodyHtml,
           a.summary, a.cover_image AS coverImage, a.updated_at AS updatedAt,
           (SELECT display_name FROM users WHERE id = a.reviewed_by) AS reviewerName, a.view_count AS viewCount
    FROM articles a NOT INDEXED
    JOIN columns c ON c.id = a.column_id
    WHERE a.id = @id AND ${PUBLIC}`);
  // The page's ids are found in the list index alone (migrations/0006), however deep the page; only its rows are read.
  const listInColumns = db.prepare(`
    SELECT ${LIST_FIELDS}
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    WHERE a.id IN (
      SELECT a.id FROM articles a
      WHERE ${IN_COLUMNS} AND ${PUBLIC}
      ${NEWEST_FIRST}
      LIMIT @limit OFFSET @offset)
    ${NEWEST_FIRST}`);
  const countsByColumn = db.prepare(`
    SELECT a.column_id AS columnId, COUNT(*) AS count
    FROM articles a
    WHERE ${PUBLIC}
    GROUP BY a.column_id`);
  // 上一篇 is the newer neighbour (the row above in a newest-first list), 下一篇 the older one. Each starts from the
  // article in its column's index (the `+` keeps the publish-time bound of the newer one from being where the
  // walk starts); anything older than a public article is due already.
  const newer = db.prepare(`
    SELECT ${LIST_FIELDS}
    FROM articles a INDEXED BY articles_in_column
    JOIN columns c ON c.id = a.column_id
    WHERE a.column_id = @columnId AND a.status = 'published' AND a.deleted_at IS NULL AND +a.published_at <= @now
      AND (a.published_at, a.id) > (@publishedAt, @id)
    ORDER BY a.published_at ASC, a.id ASC
    LIMIT 1`);
  const older = db.prepare(`
    SELECT ${LIST_FIELDS}
    FROM articles a INDEXED BY articles_in_column
    JOIN columns c ON c.id = a.column_id
    WHERE a.column_id = @columnId AND a.status = 'published' AND a.deleted_at IS NULL
      AND (a.published_at, a.id) < (@publishedAt, @id)
    ${NEWEST_FIRST}
    LIMIT 1`);
  const sitemap = db.prepare(`
    SELECT a.id, c.slug AS columnSlug, a.published_at AS publishedAt, a.updated_at AS updatedAt, a.title
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    WHERE ${PUBLIC} AND a.published_at > @since
    ORDER BY a.published_at DESC, a.id DESC
    LIMIT @limit OFFSET @offset`);
  const countAll = db.prepare(`SELECT COUNT(*) FROM articles a WHERE ${PUBLIC}`).pluck();
  const feed = db.prepare(`
    SELECT ${LIST_FIELDS}, a.summary, a.body_html AS bodyHtml, a.source, a.author, a.updated_at AS updatedAt
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    WHERE ${IN_COLUMNS} AND ${PUBLIC}
    ${NEWEST_FIRST}
    LIMIT @limit`);
  const latestByColumn = db.prepare(`
    SELECT a.column_id AS columnId, MAX(a.published_at) AS latest
    FROM articles a
    WHERE ${PUBLIC}
    GROUP BY a.column_id`);
  const addViews = db.prepare('UPDATE articles SET view_count = view_count + ? WHERE id = ?');
  const byImportKey = db.prepare('SELECT id FROM articles WHERE import_key = ?').pluck();
  const idTaken = db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck();
  const insertImported = db.prepare(`
    INSERT INTO articles (id, column_id, title, subtitle, source, author, body_md, body_html, summary, status,
                          published_at, created_at, updated_at, import_key)
    VALUES (@id, @columnId, @title, @subtitle, @source, @author, @bodyMd, @bodyHtml, @summary, 'published',
            @publishedAt, @now, @now, @importKey)`);
  // Only rewrites a row whose content differs, so an unchanged re-import reports (and stores) nothing new.
  const updateImported = db.prepare(`
    UPDATE articles
    SET column_id = @columnId, title = @title, subtitle = @subtitle, source = @source, author = @author,
        body_md = @bodyMd, body_html = @bodyHtml, summary = @summary, published_at = @publishedAt,
        updated_at = @now, version = version + 1
    WHERE id = @id
      AND (column_id, title, subtitle, source, author, body_md, summary, published_at)
          IS NOT (@columnId, @title, @subtitle, @source, @author, @bodyMd, @summary, @publishedAt)
    RETURNING version`).pluck();
  const insertRevision = db.prepare(`
    INSERT INTO article_revisions (article_id, version, user_id, changed, snapshot, created_at)
    VALUES (@id, @version, NULL, @changed, @snapshot, @now)`);

  const iso = (now: Date) => now.toISOString();
  return {
    /** The article if readers may see it at `now`. */
    getPublished: (id: number, now: Date) => published.get({ id, now: iso(now) }) as PublicArticle | undefined,
    /** Public articles in any of `columnIds`, newest first. */
    listPublished: (columnIds: number[], now: Date, limit: number, offset = 0) =>
      listInColumns.all({ columnIds: JSON.stringify(columnIds), now: iso(now), limit, offset }) as ArticleListItem[],
    /** Public article count per column id; columns without any are absent. */
    countPublishedByColumn: (now: Date) =>
      new Map((countsByColumn.all({ now: iso(now) }) as { columnId: number; count: number }[]).map((r) => [r.columnId, r.count])),
    /** Adds counted views (article id -> views) in one transaction. */
    addViews: (views: Map<number, number>) =>
      db.transaction(() => {
        for (const [id, count] of views) addViews.run(count, id);
      })(),
    /** Public articles for sitemaps, newest first; `since` limits them to those published after it (news sitemap). */
    listForSitemap: (now: Date, limit: number, offset = 0, since = '') =>
      sitemap.all({ now: iso(now), limit, offset, since }) as SitemapEntry[],
    countAllPublished: (now: Date) => countAll.get({ now: iso(now) }) as number,
    /** The newest public articles of `columnIds` with their full bodies, for feeds. */
    listForFeed: (columnIds: number[], now: Date, limit: number) =>
      feed.all({ columnIds: JSON.stringify(columnIds), now: iso(now), limit }) as FeedItem[],
    /** The publish time of each column's newest public article. */
    latestPublishedByColumn: (now: Date) =>
      new Map((latestByColumn.all({ now: iso(now) }) as { columnId: number; latest: string }[]).map((r) => [r.columnId, r.latest])),
    /** The public neighbours of `article` in its column: newer (上一篇) and older (下一篇). */
    getNeighbours: (article: Pick<PublicArticle, 'id' | 'columnId' | 'publishedAt'>, now: Date) => {
      const params = { id: article.id, columnId: article.columnId, publishedAt: article.publishedAt, now: iso(now) };
      return {
        newer: newer.get(params) as ArticleListItem | undefined,
        older: older.get(params) as ArticleListItem | undefined,
      };
    },
    /**
     * Inserts an imported page as a published article, or updates the one imported before under the same key,
     * keeping a revision of each change. `id` asks for an old site's article number; a number already used by
     * another article is refused (undefined), since its old URL would then open the wrong article.
     */
    saveImported: (article: ImportedArticle, now: Date, id: number | null) =>
      db.transaction((): { status: 'created' | 'updated' | 'unchanged'; id: number } | undefined => {
        const { importKey, ...content } = article;
        const existing = byImportKey.get(importKey) as number | undefined;
        if (existing === undefined && id !== null && idTaken.get(id) !== undefined) return undefined;
        const snapshot = JSON.stringify({
          title: content.title, subtitle: content.subtitle, columnId: content.columnId, source: content.source,
          author: content.author, summary: content.summary, coverImage: '', bodyMd: content.bodyMd,
        });
        const revision = (articleId: number, version: number) =>
          insertRevision.run({ id: articleId, version, changed: '["import"]', snapshot, now: iso(now) });
        if (existing !== undefined) {
          const version = updateImported.get({ ...content, id: existing, now: iso(now) }) as number | undefined;
          if (version === undefined) return { status: 'unchanged', id: existing };
          revision(existing, version);
          return { status: 'updated', id: existing };
        }
        const created = Number(insertImported.run({ ...article, id, now: iso(now) }).lastInsertRowid);
        revision(created, 1);
        return { status: 'created', id: created };
      })(),
  };
}
