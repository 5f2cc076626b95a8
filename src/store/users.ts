import type { Db } from '../db/open.js';
import type { Role } from '../lib/review-rules.js';

export type User = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  isDisabled: boolean;
  createdAt: string;
};

const USERS = `
  SELECT id, username, display_name AS displayName, role, is_disabled AS isDisabled, created_at AS createdAt
  FROM users`;

const toUser = (row: User | undefined) => row && { ...row, isDisabled: Boolean(row.isDisabled) };

export function userStore(db: Db) {
  const byId = db.prepare(`${USERS} WHERE id = ?`);
  const byName = db.prepare(`${USERS} WHERE username = ?`);
  const hashByName = db.prepare('SELECT id, password_hash AS hash FROM users WHERE username = ? AND is_disabled = 0');
  const hashById = db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck();
  const all = db.prepare(`${USERS} ORDER BY is_disabled, role, username`);
  const count = db.prepare('SELECT COUNT(*) FROM users').pluck();
  const activeAdmins = db.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND is_disabled = 0").pluck();
  const insert = db.prepare(`
    INSERT INTO users (username, display_name, password_hash, role, created_at, updated_at)
    VALUES (@username, @displayName, @passwordHash, @role, @now, @now)`);
  const update = db.prepare(`
    UPDATE users SET display_name = @displayName, role = @role, is_disabled = @isDisabled, updated_at = @now
    WHERE id = @id`);
  const setHash = db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?');
  return {
    getById: (id: number) => toUser(byId.get(id) as User | undefined),
    getByUsername: (username: string) => toUser(byName.get(username) as User | undefined),
    /** The password hash of an enabled account, for login; undefined for unknown or disabled names. */
    getLoginHash: (username: string) => hashByName.get(username) as { id: number; hash: string } | undefined,
    getPasswordHash: (id: number) => hashById.get(id) as string | undefined,
    listAll: () => (all.all() as User[]).map((u) => toUser(u)!),
    count: () => count.get() as number,
    countActiveAdmins: () => activeAdmins.get() as number,
    insert: (user: { username: string; displayName: string; passwordHash: string; role: Role }, now: Date) =>
      Number(insert.run({ ...user, now: now.toISOString() }).lastInsertRowid),
    update: (id: number, fields: { displayName: string; role: Role; isDisabled: boolean }, now: Date) =>
      update.run({ ...fields, isDisabled: fields.isDisabled ? 1 : 0, id, now: now.toISOString() }).changes === 1,
    setPasswordHash: (id: number, passwordHash: string, now: Date) => setHash.run(passwordHash, now.toISOString(), id).changes === 1,
  };
}
