// The first administrator, created when the database has no users: from ADMIN_USER / ADMIN_PASSWORD, or with a
// random password that is printed once and never stored in clear.
import type { Config } from '../config.js';
import { hashPassword, passwordProblem, randomPassword } from '../lib/passwords.js';
import type { Store } from '../store/store.js';

export class WeakAdminPasswordError extends Error {}

export async function createFirstAdmin(store: Store, config: Config, log: (line: string) => void): Promise<void> {
  if (store.users.count() > 0) return;
  const given = config.adminPassword;
  const problem = given === undefined ? undefined : passwordProblem(given);
  if (problem) throw new WeakAdminPasswordError(`Invalid configuration: ADMIN_PASSWORD ${problem}（at least 10 characters with letters and digits）`);
  const password = given ?? randomPassword();
  const passwordHash = await hashPassword(password);
  const now = new Date();
  store.transaction(() => {
    const id = store.users.insert({ username: config.adminUser, displayName: '系统管理员', passwordHash, role: 'admin' }, now);
    store.audit.record({ userId: null, username: '', action: 'user.create', target: `user:${id}`, detail: `${config.adminUser}（管理员，首次启动创建）`, ip: '' }, now);
  });
  log(given === undefined
    ? `Created administrator "${config.adminUser}" with password: ${password}\nThis password is shown only once: log in at /admin/login and change it under 我的账户.`
    : `Created administrator "${config.adminUser}" with the password from ADMIN_PASSWORD.`);
}
