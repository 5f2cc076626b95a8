// Forms posted after their session expired, kept for the browser that sent them (by a cookie token) for a day.
import type { Db } from '../db/open.js';
import { hashToken } from './sessions.js';

export function pendingPostStore(db: Db) {
  const insert = db.prepare('INSERT INTO pending_posts (id, path, body, created_at) VALUES (?, ?, ?, ?)');
  const take = db.prepare('DELETE FROM pending_posts WHERE id = ? AND path = ? AND created_at > ? RETURNING body');
  const prune = db.prepare('DELETE FROM pending_posts WHERE created_at <= ?');
  return {
    save: (token: string, path: string, body: Record<string, unknown>, now: Date) =>
      insert.run(hashToken(token), path, JSON.stringify(body), now.toISOString()),
    /** The kept form for `path`, removed as it is returned; undefined if none or older than `since`. */
    take: (token: string, path: string, since: Date) => {
      const row = take.get(hashToken(token), path, since.toISOString()) as { body: string } | undefined;
      return row && (JSON.parse(row.body) as Record<string, unknown>);
    },
    prune: (before: Date) => prune.run(before.toISOString()).changes,
  };
}
