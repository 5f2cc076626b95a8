// npm run user -- create USERNAME --role admin|reviewer|editor [--name 姓名] [--password PASSWORD]
// npm run user -- reset USERNAME [--password PASSWORD]      (also re-enables a disabled account)
// Without --password a random one is generated and printed once.
import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem, randomPassword } from '../lib/passwords.js';
import { ROLE_LABELS, ROLES, type Role } from '../lib/review-rules.js';
import { openSite } from '../open-site.js';
import { runCli } from './run.js';

const USAGE = `Usage:
  npm run user -- create USERNAME --role ${ROLES.join('|')} [--name NAME] [--password PASSWORD]
  npm run user -- reset USERNAME [--password PASSWORD]`;

function usage(message: string) {
  console.error(`${message}\n${USAGE}`);
  return 2;
}

await runCli(async (config) => {
  let args;
  try {
    args = parseArgs({
      options: { role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const [command, username] = args.positionals;
  if ((command !== 'create' && command !== 'reset') || !username || args.positionals.length !== 2) return usage('Expected a command and a user name.');
  if (!/^[A-Za-z0-9_.-]{2,32}$/.test(username)) return usage('The user name must be 2-32 letters, digits, _ . or -.');
  const role = args.values.role as Role | undefined;
  if (command === 'create' && (!role || !ROLES.includes(role))) return usage(`--role must be one of ${ROLES.join(', ')}.`);
  const given = args.values.password;
  const problem = given === undefined ? undefined : passwordProblem(given);
  if (problem) return usage(`The password is too weak: ${problem}（at least 10 characters with letters and digits）.`);

  const { db, store } = await openSite(config, console.log);
  try {
    const password = given ?? randomPassword();
    const passwordHash = await hashPassword(password);
    const now = new Date();
    const existing = store.users.getByUsername(username);
    const audit = (action: string, target: string, detail: string) =>
      store.audit.record({ userId: null, username: '', action, target, detail: `${detail}（命令行）`, ip: '' }, now);
    if (command === 'create') {
      if (existing) return usage(`User "${username}" already exists; use reset to set a new password.`);
      store.transaction(() => {
        const id = store.users.insert({ username, displayName: args.values.name ?? username, passwordHash, role: role! }, now);
        audit('user.create', `user:${id}`, `${username}（${ROLE_LABELS[role!]}）`);
      });
      console.log(`Created ${ROLE_LABELS[role!]} "${username}".`);
    } else {
      if (!existing) return usage(`No user "${username}".`);
      store.transaction(() => {
        store.users.setPasswordHash(existing.id, passwordHash, now);
        if (existing.isDisabled) store.users.update(existing.id, { displayName: existing.displayName, role: existing.role, isDisabled: false }, now);
        store.sessions.destroyForUser(existing.id);
        audit('user.password_reset', `user:${existing.id}`, username);
      });
      console.log(`Reset the password of "${username}"${existing.isDisabled ? ' and enabled the account' : ''}; its sessions have ended.`);
    }
    if (given === undefined) console.log(`Password (shown only this once): ${password}`);
    return 0;
  } finally {
    db.close();
  }
});
