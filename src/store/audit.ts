import type { Db } from '../db/open.js';

export type AuditEntry = {
  id: number;
  createdAt: string;
  userId: number | null;
  username: string;
  action: string;
  target: string;
  detail: string;
  ip: string;
};

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'createdAt'>;

export function auditStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO audit_log (created_at, user_id, username, action, target, detail, ip)
    VALUES (@now, @userId, @username, @action, @target, @detail, @ip)`);
  const list = db.prepare(`
    SELECT id, created_at AS createdAt, user_id AS userId, username, action, target, detail, ip
    FROM audit_log
    WHERE @action IS NULL OR action = @action
    ORDER BY created_at DESC, id DESC
    LIMIT @limit OFFSET @offset`);
  const count = db.prepare('SELECT COUNT(*) FROM audit_log WHERE @action IS NULL OR action = @action').pluck();
  return {
    record: (entry: NewAuditEntry, now: Date) => insert.run({ ...entry, now: now.toISOString() }),
    /** Newest first; `action` filters to one kind. */
    list: (action: string | null, limit: number, offset: number) => list.all({ action, limit, offset }) as AuditEntry[],
    count: (action: string | null) => count.get({ action }) as number,
  };
}
