import type { Db } from '../db/open.js';

export type SiteState = {
  /**
   * Changes whenever what readers see may have changed: a write to anything public (by any process: the content
   * version kept by triggers) or a scheduled article coming due.
   */
  key: string;
  /** When anything readers can see last changed; undefined for an empty site. */
  lastChangeAt: string | undefined;
};

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
  const nextDue = db.prepare('SELECT MIN(published_at) FROM articles WHERE published_at > @now').pluck();

  // Worked out again only when the version moves or the next scheduled article comes due: one indexed read of a
  // one-row table per call otherwise, cheap enough for every request (also every page-cache hit).
  let known: SiteState & { version: number; from: number; until: number } | undefined;
  return {
    /** What readers see, as of `now`. */
    state: (now: Date): SiteState => {
      const current = version.get() as number;
      const at = now.getTime();
      if (!known || known.version !== current || at < known.from || at >= known.until) {
        const params = { now: now.toISOString() };
        const next = nextDue.get(params) as string | null;
        known = {
          version: current,
          from: at,
          until: next ? Date.parse(next) : Infinity,
          // An article coming due changes which one is due next, so the version and that time name the content.
          key: `${current}|${next ?? ''}`,
          lastChangeAt: (last.get(params) as string | null) ?? undefined,
        };
      }
      return known;
    },
  };
}
