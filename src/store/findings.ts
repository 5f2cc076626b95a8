// What the content checks found, kept per article or page (replaced on every save and every scan), and the
// external links they use with the result of each link's last visit.
import type { Db } from '../db/open.js';
import type { Finding, FindingKind } from '../lib/checks/finding.js';
import type { Status } from '../lib/review-rules.js';

export type Target = { type: 'article' | 'page'; id: number };

export type StoredFinding = Pick<Finding, 'kind' | 'field' | 'start' | 'line' | 'column' | 'text' | 'message' | 'suggestion' | 'blocking'>;

export type ExternalStatus = 'unchecked' | 'ok' | 'redirected' | 'broken' | 'unreachable' | 'skipped';
export type LinkResult = { status: ExternalStatus; httpStatus: number | null; finalUrl: string; detail: string };

/** An article or page with what was found in it: stored findings and external links found broken. */
export type ReportRow = {
  type: 'article' | 'page';
  id: number;
  title: string;
  status: Status | 'page';
  columnSlug: string;
  publishedAt: string | null;
  slug: string;
  findings: (StoredFinding & { checkedAt: string })[];
  brokenLinks: (LinkResult & { url: string; checkedAt: string | null })[];
};

export type ArticleToCheck = { id: number; title: string; subtitle: string; summary: string; bodyMd: string; bodyHtml: string; coverImage: string };

/** The last site-wide scan: when it ran, how far it got, what it found. */
export type ScanState = { startedAt: string; finishedAt: string | null; articles: number; pages: number; findings: number; blocking: number };

type FindingRow = Omit<StoredFinding, 'blocking' | 'column'> & { type: 'article' | 'page'; id: number; col: number; isBlocking: number; checkedAt: string };

const PUBLIC_ARTICLES = "SELECT id FROM articles WHERE deleted_at IS NULL AND status IN ('published', 'submitted')";

export function findingStore(db: Db) {
  const removeFindings = db.prepare('DELETE FROM content_findings WHERE target_type = ? AND target_id = ?');
  const insertFinding = db.prepare(`
    INSERT INTO content_findings (target_type, target_id, kind, field, start, line, col, text, message, suggestion, is_blocking, checked_at)
    VALUES (@type, @id, @kind, @field, @start, @line, @column, @text, @message, @suggestion, @blocking, @now)`);
  const removeUses = db.prepare('DELETE FROM external_link_uses WHERE target_type = ? AND target_id = ?');
  const addLink = db.prepare('INSERT INTO external_links (url, next_check_at) VALUES (?, ?) ON CONFLICT (url) DO NOTHING');
  const addUse = db.prepare('INSERT OR IGNORE INTO external_link_uses (url, target_type, target_id) VALUES (?, ?, ?)');
  const pruneFindings = db.prepare(`DELETE FROM content_findings WHERE target_type = 'article' AND target_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NULL)`);
  const pruneUses = db.prepare(`DELETE FROM external_link_uses WHERE target_type = 'article' AND target_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NULL)`);
  const pruneLinks = db.prepare('DELETE FROM external_links WHERE url NOT IN (SELECT url FROM external_link_uses)');
  const due = db.prepare('SELECT url FROM external_links WHERE next_check_at <= ? ORDER BY next_check_at, url LIMIT ?').pluck();
  const recordLink = db.prepare(`
    UPDATE external_links SET status = @status, http_status = @httpStatus, final_url = @finalUrl, detail = @detail,
           checked_at = @now, next_check_at = @next
    WHERE url = @url`);
  const linkCounts = db.prepare(`
    SELECT status, COUNT(*) AS count FROM external_links
    WHERE url IN (SELECT url FROM external_link_uses WHERE target_type = 'page' OR target_id IN (${PUBLIC_ARTICLES}))
    GROUP BY status`);
  // Targets with anything found: stored findings (of one kind, or all) and external links found broken or unreachable.
  const TARGETS = `
    WITH t AS (
      SELECT target_type AS type, target_id AS id, COUNT(*) AS n, SUM(is_blocking) AS b
      FROM content_findings WHERE @kind IS NULL OR kind = @kind GROUP BY 1, 2
      UNION ALL
      SELECT u.target_type, u.target_id, COUNT(*), 0
      FROM external_link_uses u JOIN external_links l ON l.url = u.url
      WHERE l.status IN ('broken', 'unreachable') AND (@kind IS NULL OR @kind = 'link') GROUP BY 1, 2
    )
    SELECT type, id, SUM(n) AS count, SUM(b) AS blocking FROM t
    WHERE type = 'page' OR id IN (${PUBLIC_ARTICLES})
    GROUP BY type, id`;
  const targets = db.prepare(`${TARGETS} ORDER BY type, id DESC LIMIT @limit OFFSET @offset`);
  const targetCount = db.prepare(`SELECT COUNT(*) FROM (${TARGETS})`).pluck();
  const findingsOf = db.prepare(`
    SELECT target_type AS type, target_id AS id, kind, field, start, line, col, text, message, suggestion,
           is_blocking AS isBlocking, checked_at AS checkedAt
    FROM content_findings
    WHERE target_type = @type AND target_id IN (SELECT value FROM json_each(@ids)) AND (@kind IS NULL OR kind = @kind)
    ORDER BY is_blocking DESC, field, start`);
  const brokenLinks = db.prepare(`
    SELECT u.target_type AS type, u.target_id AS id, l.url, l.status, l.http_status AS httpStatus, l.final_url AS finalUrl,
           l.detail, l.checked_at AS checkedAt
    FROM external_links l JOIN external_link_uses u ON u.url = l.url
    WHERE l.status IN ('broken', 'unreachable') AND u.target_type = @type AND u.target_id IN (SELECT value FROM json_each(@ids))
    ORDER BY l.url`);
  const articleInfo = db.prepare(`
    SELECT a.id, a.title, a.status, c.slug AS columnSlug, a.published_at AS publishedAt
    FROM articles a JOIN columns c ON c.id = a.column_id WHERE a.id IN (SELECT value FROM json_each(?))`);
  const pageInfo = db.prepare('SELECT id, title, slug FROM pages WHERE id IN (SELECT value FROM json_each(?))');
  const toCheck = db.prepare(`
    SELECT id, title, subtitle, summary, body_md AS bodyMd, body_html AS bodyHtml, cover_image AS coverImage
    FROM articles WHERE status = 'published' AND deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?`);
  const getOverride = db.prepare('SELECT text_hash AS textHash, reason FROM check_overrides WHERE article_id = ?');
  const setOverride = db.prepare(`
    INSERT INTO check_overrides (article_id, text_hash, user_id, reason, created_at) VALUES (@articleId, @textHash, @userId, @reason, @now)
    ON CONFLICT (article_id) DO UPDATE SET text_hash = excluded.text_hash, user_id = excluded.user_id, reason = excluded.reason, created_at = excluded.created_at`);
  const getState = db.prepare("SELECT value FROM job_state WHERE key = 'content_scan'").pluck();
  const setState = db.prepare(`
    INSERT INTO job_state (key, value) VALUES ('content_scan', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);

  return {
    /** Replaces what was found in the target and the external links it uses. */
    replace: (target: Target, findings: StoredFinding[], externalUrls: string[], now: Date) =>
      db.transaction(() => {
        removeFindings.run(target.type, target.id);
        for (const f of findings) insertFinding.run({ ...target, ...f, blocking: f.blocking ? 1 : 0, now: now.toISOString() });
        removeUses.run(target.type, target.id);
        for (const url of externalUrls) {
          addLink.run(url, now.toISOString());
          addUse.run(url, target.type, target.id);
        }
      })(),
    /** Forgets the findings and links of deleted articles, and links nothing uses any more. */
    prune: () =>
      db.transaction(() => {
        pruneFindings.run();
        pruneUses.run();
        pruneLinks.run();
      })(),
    /** Published articles (scheduled ones too) after `afterId`, in id order, with what the checks read. */
    articlesToCheck: (afterId: number, limit: number) => toCheck.all(afterId, limit) as ArticleToCheck[],
    /** The last override of the article's blocking findings: for which text, and why. */
    override: (articleId: number) => getOverride.get(articleId) as { textHash: string; reason: string } | undefined,
    setOverride: (articleId: number, textHash: string, userId: number, reason: string, now: Date) =>
      setOverride.run({ articleId, textHash, userId, reason, now: now.toISOString() }),
    scanState: () => {
      const value = getState.get() as string | undefined;
      return value === undefined ? undefined : (JSON.parse(value) as ScanState);
    },
    setScanState: (state: ScanState) => setState.run(JSON.stringify(state)),
    /** External links to visit now, the longest waiting first. */
    dueLinks: (now: Date, limit: number) => due.all(now.toISOString(), limit) as string[],
    recordLink: (url: string, result: LinkResult, now: Date, next: Date) =>
      recordLink.run({ url, ...result, now: now.toISOString(), next: next.toISOString() }),
    linkCounts: () =>
      Object.fromEntries((linkCounts.all() as { status: ExternalStatus; count: number }[]).map((r) => [r.status, r.count])) as Partial<Record<ExternalStatus, number>>,
    /** How many published or submitted articles and pages have anything found (of `kind`). */
    countReported: (kind: FindingKind | null = null) => targetCount.get({ kind }) as number,
    /**
     * Published and submitted articles (newest first) and the pages with anything found, a page of them at a time:
     * the stored findings (of `kind`, or all) and their external links found broken or unreachable.
     */
    report: (kind: FindingKind | null, limit: number, offset: number): ReportRow[] => {
      const found = targets.all({ kind, limit, offset }) as { type: 'article' | 'page'; id: number }[];
      const rows = new Map(found.map((t) => [`${t.type}:${t.id}`, {
        type: t.type, id: t.id, title: '', status: 'page', columnSlug: '', publishedAt: null, slug: '', findings: [], brokenLinks: [],
      } as ReportRow]));
      for (const type of ['article', 'page'] as const) {
        const ids = JSON.stringify(found.filter((t) => t.type === type).map((t) => t.id));
        for (const f of findingsOf.all({ type, ids, kind }) as FindingRow[]) {
          const { type: _type, id, col, isBlocking, ...rest } = f;
          rows.get(`${type}:${id}`)!.findings.push({ ...rest, column: col, blocking: Boolean(isBlocking) });
        }
        if (kind === null || kind === 'link') {
          for (const l of brokenLinks.all({ type, ids }) as (LinkResult & { type: string; id: number; url: string; checkedAt: string | null })[]) {
            const { type: _type, id, ...link } = l;
            rows.get(`${type}:${id}`)!.brokenLinks.push(link);
          }
        }
        const info = type === 'article' ? articleInfo.all(ids) : pageInfo.all(ids);
        for (const item of info as Partial<ReportRow>[]) Object.assign(rows.get(`${type}:${item.id}`)!, item);
      }
      return [...rows.values()];
    },
  };
}
