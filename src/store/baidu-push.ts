// The queue of article URLs to push to Baidu's 普通收录 API, and how far the scan for new publications has got.
import type { Db } from '../db/open.js';

export type PushItem = { id: number; url: string; attempts: number };

const SCANNED_KEY = 'baiduPush.scannedUntil';

export function baiduPushStore(db: Db) {
  const getScanned = db.prepare('SELECT value FROM job_state WHERE key = ?').pluck();
  const setScanned = db.prepare(`
    INSERT INTO job_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  // Newly public since the last scan: published (or scheduled and now due) or edited while published.
  const newlyPublic = db.prepare(`
    SELECT a.id, c.slug AS columnSlug, a.published_at AS publishedAt
    FROM articles a
    JOIN columns c ON c.id = a.column_id
    WHERE a.status = 'published' AND a.deleted_at IS NULL AND a.published_at <= @now
      AND ((a.published_at > @since) OR (a.updated_at > @since AND a.updated_at <= @now))`);
  const enqueue = db.prepare(`
    INSERT INTO baidu_push_queue (url, next_attempt_at, created_at)
    SELECT @url, @now, @now
    WHERE NOT EXISTS (SELECT 1 FROM baidu_push_queue WHERE url = @url AND pushed_at IS NULL)`);
  const due = db.prepare(`
    SELECT id, url, attempts FROM baidu_push_queue
    WHERE pushed_at IS NULL AND next_attempt_at <= @now AND attempts < @maxAttempts
    ORDER BY id
    LIMIT @limit`);
  const done = db.prepare('UPDATE baidu_push_queue SET pushed_at = @now, attempts = attempts + 1, last_error = \'\' WHERE id IN (SELECT value FROM json_each(@ids))');
  const failed = db.prepare(`
    UPDATE baidu_push_queue SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error
    WHERE id IN (SELECT value FROM json_each(@ids))`);
  const counts = db.prepare(`
    SELECT COALESCE(SUM(pushed_at IS NULL AND attempts < @maxAttempts), 0) AS waiting,
           COALESCE(SUM(pushed_at IS NULL AND attempts >= @maxAttempts), 0) AS failed,
           MAX(pushed_at) AS lastPushedAt
    FROM baidu_push_queue`);
  const prune = db.prepare('DELETE FROM baidu_push_queue WHERE COALESCE(pushed_at, created_at) <= ?');
  return {
    /** When the last scan looked up to; undefined before the first. */
    getScannedUntil: () => getScanned.get(SCANNED_KEY) as string | undefined,
    setScannedUntil: (iso: string) => setScanned.run(SCANNED_KEY, iso),
    listNewlyPublic: (since: string, now: Date) =>
      newlyPublic.all({ since, now: now.toISOString() }) as { id: number; columnSlug: string; publishedAt: string }[],
    /** Adds a URL unless it is already waiting. */
    enqueue: (url: string, now: Date) => enqueue.run({ url, now: now.toISOString() }),
    listDue: (now: Date, maxAttempts: number, limit: number) =>
      due.all({ now: now.toISOString(), maxAttempts, limit }) as PushItem[],
    markPushed: (ids: number[], now: Date) => done.run({ ids: JSON.stringify(ids), now: now.toISOString() }),
    markFailed: (ids: number[], next: Date, error: string) => failed.run({ ids: JSON.stringify(ids), next: next.toISOString(), error }),
    /** URLs waiting, URLs given up on after `maxAttempts`, and the time of the last successful push. */
    status: (maxAttempts: number) => counts.get({ maxAttempts }) as { waiting: number; failed: number; lastPushedAt: string | null },
    /** Forgets URLs pushed, or given up on, before `before`. */
    prune: (before: Date) => prune.run(before.toISOString()).changes,
  };
}
