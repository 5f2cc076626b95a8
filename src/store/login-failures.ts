import type { Db } from '../db/open.js';

export function loginFailureStore(db: Db) {
  const insert = db.prepare('INSERT INTO login_failures (username, ip, failed_at) VALUES (?, ?, ?)');
  const byUser = db.prepare('SELECT COUNT(*) FROM login_failures WHERE username = ? AND failed_at > ?').pluck();
  const byIp = db.prepare('SELECT COUNT(*) FROM login_failures WHERE ip = ? AND failed_at > ?').pluck();
  const clearUser = db.prepare('DELETE FROM login_failures WHERE username = ?');
  const forgive = db.prepare('DELETE FROM login_failures WHERE id = ?');
  const prune = db.prepare('DELETE FROM login_failures WHERE failed_at <= ?');
  return {
    /** Records a failed (or not yet checked) attempt; returns its id. */
    record: (username: string, ip: string, now: Date) => Number(insert.run(username, ip, now.toISOString()).lastInsertRowid),
    /** Removes one attempt, which turned out to be a success. */
    forgive: (id: number) => forgive.run(id),
    /** Failures since `since` for the account and for the address. */
    countSince: (username: string, ip: string, since: Date) => ({
      user: byUser.get(username, since.toISOString()) as number,
      ip: byIp.get(ip, since.toISOString()) as number,
    }),
    clearForUser: (username: string) => clearUser.run(username),
    prune: (before: Date) => prune.run(before.toISOString()).changes,
  };
}
