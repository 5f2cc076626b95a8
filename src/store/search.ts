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

/** Above this many matches, ranking through the article index costs more than working in the search index alone. */
const MANY_MATCHES = 30_000;

export function searchStore(db: Db, manyMatches = MANY_MATCHES) {
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

  // The unfiltered relevance search, the common case, works in the index alone: all matches are counted there and
  // the few that readers cannot see (found through their own small index) are subtracted; the best-scoring
  // matches are taken from the index, just enough of them to fill the page after leaving the hidden ones out.
  const hiddenNow = db.prepare(`
    SELECT id FROM articles WHERE status <> 'published' OR deleted_at IS NOT NULL
    UNION SELECT id FROM articles WHERE published_at > @now`).pluck();
  const countAll = db.prepare('SELECT COUNT(*) FROM articles_search WHERE articles_search MATCH @match').pluck();
  // (Not `rowid = ?` with MATCH: on a contentless FTS5 table that answers a row for any id.)
  const hiddenMatches = db.prepare(`
    SELECT COUNT(*) FROM articles_search
    WHERE articles_search MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))`).pluck();
  const best = db.prepare(`
    SELECT rowid AS id, ${SCORE} AS score FROM articles_search WHERE articles_search MATCH @match ORDER BY score LIMIT @limit`);
  const publishTimes = db.prepare(`
    SELECT id, published_at AS publishedAt FROM articles INDEXED BY articles_search_meta WHERE id IN (SELECT value FROM json_each(@ids))`);

  type Scored = { id: number; score: number };
  /** The best `limit` matches, equal scores newest first. */
  const bestOf = (match: string, limit: number): Scored[] => {
    const scored = best.all({ match, limit }) as Scored[];
    const times = new Map((publishTimes.all({ ids: JSON.stringify(scored.map((s) => s.id)) }) as { id: number; publishedAt: string }[])
      .map((r) => [r.id, r.publishedAt]));
    return scored.sort((a, b) => a.score - b.score || (times.get(b.id) ?? '').localeCompare(times.get(a.id) ?? '') || b.id - a.id);
  };
  const among = db.prepare(`
    SELECT rowid FROM articles_search WHERE articles_search MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))`).pluck();

  /** Ids of public hits [offset, offset + limit) in relevance order, and the number of public hits. */
  function rankInIndex(q: SearchQuery, all: number, limit: number, offset: number) {
    const hiddenIds = hiddenNow.all({ now: q.now.toISOString() }) as number[];
    const hidden = new Set(hiddenIds);
    const total = all - (hiddenMatches.get({ match: q.match, ids: JSON.stringify(hiddenIds) }) as number);
    // Enough candidates that the page is full even if every hidden article were among them.
    const wanted = offset + limit + hiddenIds.length;
    const isPublic = (id: number) => !hidden.has(id);
    let ids: number[];
    if (q.phrase === undefined) {
      ids = bestOf(q.match, wanted).map((s) => s.id).filter(isPublic);
    } else {
      // Exact-phrase hits first; then the other matches, skipping those that are phrase hits too.
      const phraseCount = countAll.get({ match: q.phrase }) as number;
      const first = bestOf(q.phrase, wanted).map((s) => s.id).filter(isPublic);
      const rest = bestOf(q.match, wanted + phraseCount).map((s) => s.id);
      const inPhrase = new Set(among.all({ match: q.phrase, ids: JSON.stringify(rest) }) as number[]);
      ids = [...first, ...rest.filter((id) => !inPhrase.has(id) && isPublic(id))];
    }
    return { total, ids: ids.slice(offset, offset + limit) };
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
      let page: { total: number; ids: number[] };
      // Few matches are ranked directly with the join (cheap for them); many, in the index alone.
      const all = q.sort === 'relevance' && !q.columnIds && !q.from && !q.to ? (countAll.get({ match: q.match }) as number) : 0;
      if (all > manyMatches) {
        page = rankInIndex(q, all, limit, offset);
      } else {
        const ranked = ranking(q.phrase !== undefined, q.sort).all({ ...params(q), limit, offset }) as Ranked[];
        // Past the last page the window has no row to count on.
        page = { total: ranked[0]?.total ?? (count.get(params(q)) as number), ids: ranked.map((r) => r.id) };
      }
      const byId = new Map((details.all({ ids: JSON.stringify(page.ids) }) as SearchHit[]).map((h) => [h.id, h]));
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
