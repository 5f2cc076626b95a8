// E-mail waiting to be sent (notifications of new 咨询留言), with its attempts.
import type { Db } from '../db/open.js';

export type Mail = { id: number; recipients: string; subject: string; body: string; attempts: number };

export function mailQueueStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO mail_queue (recipients, subject, body, next_attempt_at, created_at) VALUES (@recipients, @subject, @body, @now, @now)`);
  const due = db.prepare(`
    SELECT id, recipients, subject, body, attempts FROM mail_queue
    WHERE sent_at IS NULL AND next_attempt_at <= ? AND attempts < ? ORDER BY next_attempt_at, id LIMIT 20`);
  // Taking a message for sending moves its next attempt ahead: another process looking at the same moment passes.
  const claim = db.prepare('UPDATE mail_queue SET next_attempt_at = @until WHERE id = @id AND sent_at IS NULL AND next_attempt_at <= @now');
  const retry = db.prepare('UPDATE mail_queue SET attempts = 0, next_attempt_at = ? WHERE sent_at IS NULL');
  const sent = db.prepare('UPDATE mail_queue SET sent_at = ?, attempts = attempts + 1, last_error = \'\' WHERE id = ?');
  const failed = db.prepare('UPDATE mail_queue SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?');
  const status = db.prepare(`
    SELECT COUNT(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
           COUNT(*) FILTER (WHERE sent_at IS NULL AND attempts < @max) AS waiting,
           COUNT(*) FILTER (WHERE sent_at IS NULL AND attempts >= @max) AS failed,
           (SELECT last_error FROM mail_queue WHERE last_error != '' AND sent_at IS NULL ORDER BY id DESC LIMIT 1) AS lastError
    FROM mail_queue`);
  const prune = db.prepare('DELETE FROM mail_queue WHERE created_at <= ?');
  return {
    enqueue: (mail: Omit<Mail, 'id' | 'attempts'>, now: Date) => Number(insert.run({ ...mail, now: now.toISOString() }).lastInsertRowid),
    /** Unsent mail whose next attempt is due, with fewer than `maxAttempts` tries. */
    due: (now: Date, maxAttempts: number) => due.all(now.toISOString(), maxAttempts) as Mail[],
    /** True when this process may send the message now (it is due and nobody else took it). */
    claim: (id: number, now: Date, until: Date) => claim.run({ id, now: now.toISOString(), until: until.toISOString() }).changes === 1,
    /** Every unsent message, failed or waiting, is tried again now (after the settings changed). */
    retryFailed: (now: Date) => retry.run(now.toISOString()).changes,
    markSent: (id: number, now: Date) => sent.run(now.toISOString(), id),
    markFailed: (id: number, error: string, retryAt: Date) => failed.run(error.slice(0, 500), retryAt.toISOString(), id),
    status: (maxAttempts: number) => status.get({ max: maxAttempts }) as { sent: number; waiting: number; failed: number; lastError: string | null },
    prune: (before: Date) => prune.run(before.toISOString()).changes,
  };
}
