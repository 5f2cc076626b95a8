// Forms posted after their session expired, kept for a day for the browser that sent them (by a cookie token) and
// offered only to the same user.
import type { Db } from '../db/open.js';
import { hashToken } from './sessions.js';

export function pendingPostStore(db: Db) {
  const insert = db.prepare('INSERT INTO pending_posts (id, user_id, path, body, created_at) VALUES (?, ?, ?, ?, ?)');
  const take = db.prepare('DELETE FROM pending_posts WHERE id = ? AND user_id = ? AND path = ? AND created_at > ? RETURNING body');
  const prune = db.prepare('DELETE FROM pending_posts WHERE created_at <= ?');
  return {
    save: (token: string, userId: number, path: string, body: string, now: Date) =>
      insert.run(hashToken(token), userId, path, body, now.toISOString()),
    /** The form `userId` kept for `path`, removed as it is returned; undefined if none or older than `since`. */
    take: (token: string, userId: number, path: string, since: Date) => {
      const row = take.get(hashToken(token), userId, path, since.toISOString()) as { body: string } | undefined;
      return row && (JSON.parse(row.body) as Record<string, unknown>);
    },
    prune: (before: Date) => prune.run(before.toISOString()).changes,
  };
}
