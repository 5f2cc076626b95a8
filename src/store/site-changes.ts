import type { Db } from '../db/open.js';

export function siteChangeStore(db: Db) {
  // Anything a public page shows: settings, columns, single pages, articles edited or changing status, and
  // scheduled articles that came due (their publish time passed without any row changing).
  const last = db.prepare(`
    SELECT MAX(t) FROM (
      SELECT MAX(updated_at) AS t FROM settings
      UNION ALL SELECT MAX(updated_at) FROM columns
      UNION ALL SELECT MAX(updated_at) FROM pages
      UNION ALL SELECT MAX(updated_at) FROM articles
      UNION ALL SELECT MAX(published_at) FROM articles WHERE published_at <= @now
    )`).pluck();
  const version = db.prepare('SELECT version FROM content_version').pluck();
  const due = db.prepare("SELECT MAX(published_at) FROM articles WHERE published_at <= @now").pluck();
  return {
    /** When anything readers can see last changed, as of `now`; undefined for an empty site. */
    lastChangeAt: (now: Date) => (last.get({ now: now.toISOString() }) as string | null) ?? undefined,
    /**
     * Changes whenever what readers see may have changed: a write to anything public (by any process: the content
     * version kept by triggers) or a scheduled article coming due. Two indexed lookups: cheap on every request.
     */
    contentKey: (now: Date) => `${version.get()}|${due.get({ now: now.toISOString() }) ?? ''}`,
  };
}
