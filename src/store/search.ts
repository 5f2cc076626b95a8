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
  /**
   * FTS5 queries built by lib/search-text.ts from tokens (never raw input), best first: a result ranks in the first
   * tier it matches (the terms as one phrase in the title, all of them in the title, …), and the last tier is every
   * result.
   */
  tiers: string[];
  columnIds?: number[] | undefined;
  /** UTC ISO bounds on the publish time, inclusive from, exclusive to. */
  from?: string | undefined;
  to?: string | undefined;
  sort: 'relevance' | 'date';
  now: Date;
};

// Within a tier, bm25 with titles weighing ten times bodies (columns: title_pairs, title_chars, body_pairs, body_chars).
const SCORE = 'bm25(articles_search, 10.0, 10.0, 1.0, 1.0)';
// Filtered through the narrow index (never the article rows, whose bodies come before these columns).
const PUBLIC = `a.status = 'published' AND a.deleted_at IS NULL AND a.published_at <= @now
  AND (@columnIds IS NULL OR a.column_id IN (SELECT value FROM json_each(@columnIds)))
  AND (@from IS NULL OR a.published_at >= @from)
  AND (@to IS NULL OR a.published_at < @to)`;

type Ranked = { id: number; total: number };
type Scored = { id: number; score: number };

/** Above this many matches, ranking through the article index costs more than working in the search index alone. */
const MANY_MATCHES = 2_000;

const ids = (list: number[]) => JSON.stringify(list);
const anyOf = (queries: string[]) => queries.map((q) => `(${q})`).join(' OR ');

export function searchStore(db: Db, manyMatches = MANY_MATCHES) {
  const variants = new Map<string, ReturnType<Db['prepare']>>();
  // Each shape (number of tiers, by relevance or by date) is prepared once, when first used. One pass ranks the
  // page and counts all results (a window over the same rows). By date, only the last tier (every result) is used.
  const ranking = (tiers: number, sort: SearchQuery['sort']) => {
    const key = `${tiers}:${sort}`;
    if (!variants.has(key)) {
      const hits = sort === 'date'
        ? 'SELECT rowid AS id, 0 AS tier, 0 AS score FROM articles_search WHERE articles_search MATCH @t0'
        : Array.from({ length: tiers }, (_, i) =>
          `SELECT rowid AS id, ${i} AS tier, ${SCORE} AS score FROM articles_search WHERE articles_search MATCH @t${i}`).join(' UNION ALL ');
      // A result of several tiers counts once, in its best tier with that tier's score (SQLite takes the bare
      // column from the row that has the minimum).
      variants.set(key, db.prepare(`
        WITH hits AS MATERIALIZED (${hits}) -- computed apart: bm25() works only in a query of its own table
        SELECT id, COUNT(*) OVER () AS total
        FROM (
          SELECT h.id, MIN(h.tier) AS tier, h.score, a.published_at AS publishedAt FROM hits h
          JOIN articles a INDEXED BY articles_search_meta ON a.id = h.id
          WHERE ${PUBLIC}
          GROUP BY h.id
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
    WHERE articles_search MATCH @t0 AND ${PUBLIC}`).pluck();

  // The unfiltered relevance search, the common case, works in the index alone: all matches are counted there and
  // the few that readers cannot see (found through their own small index) are subtracted; the best-scoring
  // matches are taken from the index tier by tier, just enough of them to fill the page after leaving out the
  // hidden ones and those of a better tier.
  const hiddenNow = db.prepare(`
    SELECT id FROM articles WHERE status <> 'published' OR deleted_at IS NOT NULL
    UNION SELECT id FROM articles WHERE published_at > @now`).pluck();
  const countAll = db.prepare('SELECT COUNT(*) FROM articles_search WHERE articles_search MATCH @match').pluck();
  // One pass over the matches counts them and those among `ids`; so does `among` list them. (Not `rowid = ?` with
  // MATCH: on a contentless FTS5 table that answers a row for any id; and `+rowid` keeps SQLite from handing the
  // ids to FTS5, which would look each one up with the whole query, many times slower.)
  const countWith = db.prepare(`
    SELECT COUNT(*) AS all_, COALESCE(SUM(+rowid IN (SELECT value FROM json_each(@ids))), 0) AS among
    FROM articles_search WHERE articles_search MATCH @match`);
  const among = db.prepare(`
    SELECT rowid FROM articles_search WHERE articles_search MATCH @match AND +rowid IN (SELECT value FROM json_each(@ids))`).pluck();
  const best = db.prepare(`
    SELECT rowid AS id, ${SCORE} AS score FROM articles_search WHERE articles_search MATCH @match ORDER BY score LIMIT @limit`);
  const publishTimes = db.prepare(`
    SELECT id, published_at AS publishedAt FROM articles INDEXED BY articles_search_meta WHERE id IN (SELECT value FROM json_each(@ids))`);

  /** The best `limit` matches, equal scores newest first. */
  const bestOf = (match: string, limit: number): number[] => {
    // The index orders by score alone, so rows tied with the last one wanted are fetched too, until the score
    // changes, and their publish times decide.
    let scored: Scored[];
    for (let fetch = limit + 20; ; fetch *= 4) {
      scored = best.all({ match, limit: fetch }) as Scored[];
      if (scored.length < fetch || scored[fetch - 1]!.score !== scored[limit - 1]!.score) break;
    }
    const times = new Map((publishTimes.all({ ids: ids(scored.map((s) => s.id)) }) as { id: number; publishedAt: string }[])
      .map((r) => [r.id, r.publishedAt]));
    return scored
      .sort((a, b) => a.score - b.score || (times.get(b.id) ?? '').localeCompare(times.get(a.id) ?? '') || b.id - a.id)
      .slice(0, limit)
      .map((s) => s.id);
  };

  /** Ids of public hits [offset, offset + limit) in relevance order, given the hidden articles. */
  function rankInIndex(q: SearchQuery, hiddenIds: number[], limit: number, offset: number) {
    const hidden = new Set(hiddenIds);
    const wanted = offset + limit;
    const found: number[] = [];
    // A later tier is reached only when the earlier ones were taken whole.
    for (let i = 0; i < q.tiers.length && found.length < wanted; i++) {
      const earlier = q.tiers.slice(0, i);
      const inEarlier = earlier.length ? (countAll.get({ match: anyOf(earlier) }) as number) : 0;
      // Enough candidates that the page is full even if every hidden article and every match of an earlier tier
      // were among them.
      const candidates = bestOf(q.tiers[i]!, wanted - found.length + hiddenIds.length + inEarlier);
      const taken = new Set(earlier.length ? (among.all({ match: anyOf(earlier), ids: ids(candidates) }) as number[]) : []);
      found.push(...candidates.filter((id) => !hidden.has(id) && !taken.has(id)));
    }
    return found.slice(offset, offset + limit);
  }
  const details = db.prepare(`
    SELECT a.id, a.title, c.slug AS columnSlug, c.name AS columnName, a.published_at AS publishedAt, a.body_html AS bodyHtml
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    WHERE a.id IN (SELECT value FROM json_each(@ids))`);
  const clear = db.prepare('DELETE FROM articles_search');
  const bump = db.prepare('UPDATE content_version SET version = version + 1');
  const fill = db.prepare(`
    INSERT INTO articles_search (rowid, title_pairs, title_chars, body_pairs, body_chars)
    SELECT id, search_pairs(title), search_chars(title), search_pairs(search_text(body_md)), search_chars(search_text(body_md))
    FROM articles`);

  const filters = (q: SearchQuery) => ({
    columnIds: q.columnIds ? JSON.stringify(q.columnIds) : null,
    from: q.from ?? null,
    to: q.to ?? null,
    now: q.now.toISOString(),
  });
  return {
    /**
     * One page of public results, best first (by tier: the terms as one phrase in the title, all of them in the
     * title, the phrase anywhere, all anywhere; then by score; then newer), or newest first, and how many there are.
     */
    search: (q: SearchQuery, limit: number, offset: number): { total: number; hits: SearchHit[] } => {
      let page: { total: number; ids: number[] };
      const every = q.tiers.at(-1)!;
      const unfiltered = q.sort === 'relevance' && !q.columnIds && !q.from && !q.to;
      const hiddenIds = unfiltered ? (hiddenNow.all({ now: q.now.toISOString() }) as number[]) : [];
      const counts = unfiltered ? (countWith.get({ match: every, ids: ids(hiddenIds) }) as { all_: number; among: number }) : undefined;
      // Many matches are ranked in the index alone; few (cheap for it), and filtered searches, with the join.
      if (counts && counts.all_ > manyMatches) {
        page = { total: counts.all_ - counts.among, ids: rankInIndex(q, hiddenIds, limit, offset) };
      } else {
        const tiers = q.sort === 'date' ? [every] : q.tiers;
        const matches = Object.fromEntries(tiers.map((t, i) => [`t${i}`, t]));
        const ranked = ranking(tiers.length, q.sort).all({ ...matches, ...filters(q), limit, offset }) as Ranked[];
        // Past the last page the window has no row to count on.
        page = { total: ranked[0]?.total ?? (count.get({ t0: every, ...filters(q) }) as number), ids: ranked.map((r) => r.id) };
      }
      const byId = new Map((details.all({ ids: ids(page.ids) }) as SearchHit[]).map((h) => [h.id, h]));
      return { total: page.total, hits: page.ids.map((id) => byId.get(id)!) };
    },
    /** Rebuilds the whole index from the articles (npm run reindex); returns the number of articles indexed. */
    rebuild: () => db.transaction(() => {
      clear.run();
      const count = fill.run().changes;
      bump.run(); // cached search pages were made from the old index
      return count;
    })(),
  };
}
