// The commands a person runs: `npm start` (built from src/main.ts), `npm run import` (src/cli/import.ts), … as real
// processes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot } from '../../src/config.js';
import { sampleArticlesDir } from '../../src/content/seed-sample.js';
import { tempDir } from '../helpers/app.js';
import { startServer } from '../helpers/server.js';

const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000,
  });

describe('npm start', () => {
  test('a fresh DATA_DIR is migrated, gets the sample site, and is served', async (t) => {
    const dataDir = tempDir(t);
    const { url } = await startServer(t, { DATA_DIR: dataDir }, { npmStart: true });
    assert.ok(fs.existsSync(path.join(dataDir, 'site.db')));
    const home = await (await fetch(url)).text();
    assert.match(home, /【经验交流】市中科协:三向发力擘画服务新篇 科技赋能区域发展实践/);
  });

  test('a bad variable stops it with one line naming the variable', () => {
    const result = run('src/main.ts', [], { PORT: 'eighty', DATA_DIR: '/nonexistent' });
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'Invalid configuration: PORT="eighty" must be a whole number\n');
  });
});

describe('the first administrator', () => {
  test('without ADMIN_PASSWORD a random password is printed once; it logs in', async (t) => {
    const dataDir = tempDir(t);
    const first = run('src/cli/import.ts', [tempDir(t)], { DATA_DIR: dataDir, ADMIN_USER: 'chief' });
    const password = /Created administrator "chief" with password: (\S+)/.exec(first.stdout)?.[1];
    assert.ok(password, first.stdout);
    const again = run('src/cli/import.ts', [tempDir(t)], { DATA_DIR: dataDir });
    assert.doesNotMatch(again.stdout, /Created administrator/);
    const { openDb } = await import('../../src/db/open.js');
    const db = openDb(dataDir);
    t.after(() => db.close());
    const hash = db.prepare("SELECT password_hash FROM users WHERE username = 'chief' AND role = 'admin'").pluck().get() as string;
    const { verifyPassword } = await import('../../src/lib/passwords.js');
    assert.equal(await verifyPassword(password, hash), true);
    assert.ok(!hash.includes(password));
  });

  test('a weak ADMIN_PASSWORD stops start-up with one line', (t) => {
    const result = run('src/main.ts', [], { DATA_DIR: tempDir(t), ADMIN_PASSWORD: 'admin' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Invalid configuration: ADMIN_PASSWORD 密码至少 10 位/);
  });
});

describe('npm run user', () => {
  test('creates a user, resets a password (re-enabling the account), and explains its usage', (t) => {
    const dataDir = tempDir(t);
    const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: 'first-admin-pass-1' };
    const created = run('src/cli/user.ts', ['create', 'liu', '--role', 'reviewer', '--name', '刘审核'], env);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created 审核员 "liu"\.\nPassword \(shown only this once\): \S+/);
    const given = run('src/cli/user.ts', ['reset', 'liu', '--password', 'chosen-pass-22'], env);
    assert.equal(given.status, 0, given.stderr);
    assert.doesNotMatch(given.stdout, /Password \(shown/);
    for (const [args, message] of [
      [['create', 'liu', '--role', 'editor'], /already exists/],
      [['create', 'zhao', '--role', 'boss'], /--role must be one of admin, reviewer, editor/],
      [['reset', 'nobody'], /No user "nobody"/],
      [['reset', 'liu', '--password', 'weak'], /too weak/],
      [['delete', 'liu'], /Usage:/],
    ] as const) {
      const result = run('src/cli/user.ts', [...args], env);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
  });
});

describe('npm run import', () => {
  test('imports, reports each file, is idempotent, and exits 1 when a file could not be read', (t) => {
    const dataDir = tempDir(t);
    const dir = tempDir(t);
    const sample = fs.readFileSync(path.join(sampleArticlesDir, '000_4256c7fb93f06b7a.txt'), 'utf8');
    fs.writeFileSync(path.join(dir, 'new.txt'), sample.replace('【经验交流】', '【旧稿】'));
    fs.writeFileSync(path.join(dir, 'broken.txt'), '没有日期的网页');
    const first = run('src/cli/import.ts', [dir], { DATA_DIR: dataDir });
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stdout, /Loaded the sample site/);
    assert.match(first.stdout, /^created +\S+new\.txt -> #\d+ 【旧稿】市中科协/m);
    assert.match(first.stderr, /^failed +\S+broken\.txt: no 来源\/时间 line found under the title$/m);
    assert.match(first.stdout, /1 created, 0 updated, 0 unchanged, 1 failed/);
    const again = run('src/cli/import.ts', [path.join(dir, 'new.txt')], { DATA_DIR: dataDir });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /0 created, 0 updated, 1 unchanged, 0 failed/);
    assert.doesNotMatch(again.stdout, /Loaded the sample site/);
  });

  test('an empty folder and an unusable DATA_DIR are reported in one line', (t) => {
    const empty = run('src/cli/import.ts', [tempDir(t)], { DATA_DIR: tempDir(t) });
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /^No \.txt files found in /m);
    const file = path.join(tempDir(t), 'not-a-folder');
    fs.writeFileSync(file, '');
    const bad = run('src/cli/import.ts', ['x.txt'], { DATA_DIR: file });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^Invalid configuration: DATA_DIR=".*not-a-folder" cannot hold the database: EEXIST\n$/);
  });

  test('usage errors exit 2', (t) => {
    const dataDir = tempDir(t);
    const none = run('src/cli/import.ts', [], { DATA_DIR: dataDir });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /Usage: npm run import -- \[--column SLUG\] FILE_OR_FOLDER/);
    const badColumn = run('src/cli/import.ts', ['--column', 'nope', 'x.txt'], { DATA_DIR: dataDir });
    assert.equal(badColumn.status, 2);
    assert.match(badColumn.stderr, /No column with slug "nope"\. Columns: xwzx, gzdt, tzgg, kpzs, xhdt/);
  });
});
