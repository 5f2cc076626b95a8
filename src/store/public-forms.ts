// The public forms' bookkeeping: the key their tokens are signed with, and the posts per address.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

export type AttemptOutcome = 'accepted' | 'refused' | 'blocked';

export function publicFormStore(db: Db) {
  const getKey = db.prepare("SELECT value FROM job_state WHERE key = 'form_key'").pluck();
  const addKey = db.prepare("INSERT INTO job_state (key, value) VALUES ('form_key', ?) ON CONFLICT (key) DO NOTHING");
  const record = db.prepare('INSERT INTO form_attempts (ip, form, outcome, at) VALUES (?, ?, ?, ?)');
  const counts = db.prepare(`
    SELECT outcome, COUNT(*) AS count FROM form_attempts WHERE ip = ? AND form = ? AND at > ? GROUP BY outcome`);
  const prune = db.prepare('DELETE FROM form_attempts WHERE at <= ?');
  const useToken = db.prepare('INSERT INTO used_form_tokens (nonce_signature, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const pruneTokens = db.prepare('DELETE FROM used_form_tokens WHERE used_at <= ?');
  let key: string | undefined;
  return {
    /** The signing key, made on first use and shared by every process. */
    key: () => {
      if (key) return key;
      addKey.run(randomBytes(32).toString('base64url'));
      return (key = getKey.get() as string);
    },
    record: (ip: string, form: string, outcome: AttemptOutcome, now: Date) => record.run(ip, form, outcome, now.toISOString()),
    /** Posts from `ip` to `form` since `since`, by outcome. */
    countSince: (ip: string, form: string, since: Date): Record<AttemptOutcome, number> => ({
      accepted: 0, refused: 0, blocked: 0,
      ...Object.fromEntries((counts.all(ip, form, since.toISOString()) as { outcome: AttemptOutcome; count: number }[]).map((r) => [r.outcome, r.count])),
    }),
    /** Marks a form token used; false when it already was (each token sends one message). */
    useToken: (signature: string, now: Date) => useToken.run(signature, now.toISOString()).changes === 1,
    /** Forgets attempts and used tokens from before `before` (tokens expire after three hours anyway). */
    prune: (before: Date) => prune.run(before.toISOString()).changes + pruneTokens.run(before.toISOString()).changes,
  };
}
