// Server-side sessions. The cookie holds a random token; the table holds only its SHA-256, so a copy of the
// database cannot be used to log in.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

export type Session = {
  id: string;
  userId: number | null;
  csrfToken: string;
  flash: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
};

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function sessionStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
    VALUES (@id, @userId, @csrfToken, @now, @now, @expiresAt)`);
  const live = db.prepare(`
    SELECT id, user_id AS userId, csrf_token AS csrfToken, flash, created_at AS createdAt,
           last_seen_at AS lastSeenAt, expires_at AS expiresAt
    FROM sessions
    WHERE id = ? AND expires_at > ?`);
  const ownerOf = db.prepare('SELECT user_id FROM sessions WHERE id = ?').pluck();
  const expire = db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const removeForUser = db.prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?');
  const setFlash = db.prepare('UPDATE sessions SET flash = ? WHERE id = ?');
  const prune = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    /** Creates a session and returns the cookie token (never stored) with the session. */
    create: (userId: number | null, now: Date, expiresAt: Date) => {
      const token = randomBytes(32).toString('base64url');
      const session = { id: hashToken(token), userId, csrfToken: randomBytes(32).toString('base64url') };
      insert.run({ ...session, now: now.toISOString(), expiresAt: expiresAt.toISOString() });
      return { token, session: { ...session, flash: null, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt: expiresAt.toISOString() } as Session };
    },
    /** The session for a cookie token, unless it expired. */
    getByToken: (token: string, now: Date) => live.get(hashToken(token), now.toISOString()) as Session | undefined,
    /** Whose session a token was, even if it has expired (until expired sessions are pruned). */
    getOwnerOfToken: (token: string) => (ownerOf.get(hashToken(token)) as number | null | undefined) ?? undefined,
    /** Ends a session now, keeping the row until the next prune (its owner can still be told apart). */
    expire: (id: string, now: Date) => expire.run(now.toISOString(), id),
    touch: (id: string, now: Date, expiresAt: Date) => touch.run(now.toISOString(), expiresAt.toISOString(), id),
    destroy: (id: string) => remove.run(id),
    /** Ends every session of a user (disabled, password changed), except `keep`. */
    destroyForUser: (userId: number, keep: string | null = null) => removeForUser.run(userId, keep),
    setFlash: (id: string, message: string | null) => setFlash.run(message, id),
    prune: (now: Date) => prune.run(now.toISOString()).changes,
  };
}
