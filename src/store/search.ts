// Site search over the FTS5 index of migrations/0004: public results with relevance or date order, counts, rebuild.
import type { Db } from '../db/open.js';

export type SearchHit = {
  id: number;
  title: string;
  columnSlug: string;
  columnName: string;
  publishedAt: string;
  bodyHtml: string;
};

export type SearchQuery = {
  /** FTS5 query built by lib/search-text.ts from tokens (never raw input): all terms. */
  match: string;
  /** The terms as one exact phrase: those hits rank first. */
  phrase?: string | undefined;
  columnIds?: number[] | undefined;
  /** UTC ISO bounds on the publish time, inclusive from, exclusive to. */
  from?: string | undefined;
  to?: string | undefined;
  sort: 'relevance' | 'date';
  now: Date;
};

// Titles weigh ten times bodies (columns: title_pairs, title_chars, body_pairs, body_chars).
const SCORE = 'bm25(articles_search, 10.0, 10.0, 1.0, 1.0)';
// Filtered through the narrow index (never the article rows, whose bodies come before these columns).
const PUBLIC = `a.status = 'published' AND a.deleted_at IS NULL AND a.published_at <= @now
  AND (@columnIds IS NULL OR a.column_id IN (SELECT value FROM json_each(@columnIds)))
  AND (@from IS NULL OR a.published_at >= @from)
  AND (@to IS NULL OR a.published_at < @to)`;

type Ranked = { id: number; total: number };

export function searchStore(db: Db) {
  const variants = new Map<string, ReturnType<Db['prepare']>>();
  // Each shape (with or without the exact-phrase tier, by relevance or by date) is prepared once, when first used.
  // One pass ranks the page and counts all results (a window over the same rows).
  const ranking = (withPhrase: boolean, sort: SearchQuery['sort']) => {
    const key = `${withPhrase}:${sort}`;
    if (!variants.has(key)) {
      const score = sort === 'relevance' ? SCORE : '0';
      const hits = withPhrase
        ? `SELECT rowid AS id, 0 AS tier, ${score} AS score FROM articles_search WHERE articles_search MATCH @phrase
           UNION ALL
           SELECT rowid, 1, ${score} FROM articles_search WHERE articles_search MATCH @match`
        : `SELECT rowid AS id, 0 AS tier, ${score} AS score FROM articles_search WHERE articles_search MATCH @match`;
      // A hit of both tiers is one result, in its better tier.
      const rows = withPhrase
        ? 'SELECT h.id, MIN(h.tier) AS tier, MIN(h.score) AS score, a.published_at AS publishedAt FROM hits h'
        : 'SELECT h.id, h.tier, h.score, a.published_at AS publishedAt FROM hits h';
      variants.set(key, db.prepare(`
        WITH hits AS MATERIALIZED (${hits}) -- computed apart: bm25() works only in a query of its own table
        SELECT id, COUNT(*) OVER () AS total
        FROM (
          ${rows}
          JOIN articles a INDEXED BY articles_search_meta ON a.id = h.id
          WHERE ${PUBLIC}
          ${withPhrase ? 'GROUP BY h.id' : ''}
        )
        ORDER BY ${sort === 'date' ? 'publishedAt DESC, id DESC' : 'tier, score, publishedAt DESC, id DESC'}
        LIMIT @limit OFFSET @offset`));
    }
    return variants.get(key)!;
  };
  const count = db.prepare(`
    SELECT COUNT(*)
    FROM articles_search s
    JOIN articles a INDEXED BY articles_search_meta ON a.id = s.rowid
    WHERE articles_search MATCH @match AND ${PUBLIC}`).pluck();
  const details = db.prepare(`
    SELECT a.id, a.title, c.slug AS columnSlug, c.name AS columnName, a.published_at AS publishedAt, a.body_html AS bodyHtml
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    WHERE a.id IN (SELECT value FROM json_each(@ids))`);
  const clear = db.prepare('DELETE FROM articles_search');
  const fill = db.prepare(`
    INSERT INTO articles_search (rowid, title_pairs, title_chars, body_pairs, body_chars)
    SELECT id, search_pairs(title), search_chars(title), search_pairs(search_text(body_md)), search_chars(search_text(body_md))
    FROM articles`);

  const params = (q: SearchQuery) => ({
    match: q.match,
    phrase: q.phrase ?? null,
    columnIds: q.columnIds ? JSON.stringify(q.columnIds) : null,
    from: q.from ?? null,
    to: q.to ?? null,
    now: q.now.toISOString(),
  });
  return {
    /**
     * One page of public results, best first (exact phrase, then by score with titles weighing more, then newer;
     * or newest first), and how many there are in all.
     */
    search: (q: SearchQuery, limit: number, offset: number): { total: number; hits: SearchHit[] } => {
      const ranked = ranking(q.phrase !== undefined, q.sort).all({ ...params(q), limit, offset }) as Ranked[];
      // Past the last page the window has no row to count on.
      const total = ranked[0]?.total ?? (count.get(params(q)) as number);
      const byId = new Map((details.all({ ids: JSON.stringify(ranked.map((r) => r.id)) }) as SearchHit[]).map((h) => [h.id, h]));
      return { total, hits: ranked.map((r) => byId.get(r.id)!) };
    },
    /** Rebuilds the whole index from the articles (npm run reindex); returns the number of articles indexed. */
    rebuild: () => db.transaction(() => {
      clear.run();
      return fill.run().changes;
    })(),
  };
}
