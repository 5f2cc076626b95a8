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
  const total = db.prepare('SELECT total_changes()').pluck();
  return {
    /** When anything readers can see last changed, as of `now`; undefined for an empty site. */
    lastChangeAt: (now: Date) => (last.get({ now: now.toISOString() }) as string | null) ?? undefined,
    /**
     * A value that changes with every write to the database, by this connection (total_changes) or any other
     * (data_version): with lastChangeAt, a cheap key for what was computed from the data.
     */
    writeVersion: () => `${db.pragma('data_version', { simple: true })}:${total.get()}`,
  };
}
