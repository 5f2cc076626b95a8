import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../src/config.js';
import { MigrationError, migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';

function setUp(t: import('node:test').TestContext, files: Record<string, string>) {
  const dir = tempDir(t);
  const migrations = path.join(dir, 'migrations');
  fs.mkdirSync(migrations);
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(migrations, name), sql);
  const db = openDb(dir);
  t.after(() => db.close());
  return { db, migrations };
}

const tables = (db: ReturnType<typeof openDb>) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();

test('applies files in number order, records each once, and skips them the next time', (t) => {
  const { db, migrations } = setUp(t, {
    '0002_b.sql': '-- second\nALTER TABLE a ADD COLUMN y TEXT;',
    '0001_a.sql': '-- first\nCREATE TABLE a (x INTEGER);',
    '0010_c.sql': '-- tenth\nCREATE TABLE c (z INTEGER);',
  });
  assert.deepEqual(migrate(db, migrations), ['0001_a.sql', '0002_b.sql', '0010_c.sql']);
  assert.deepEqual(migrate(db, migrations), []);
  assert.deepEqual(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(), [
    { version: 1, name: '0001_a.sql' }, { version: 2, name: '0002_b.sql' }, { version: 10, name: '0010_c.sql' },
  ]);
  fs.writeFileSync(path.join(migrations, '0011_d.sql'), 'CREATE TABLE d (w INTEGER);');
  assert.deepEqual(migrate(db, migrations), ['0011_d.sql']);
});

test('a failing migration leaves the database as it was and names the file', (t) => {
  const { db, migrations } = setUp(t, {
    '0001_ok.sql': 'CREATE TABLE a (x INTEGER);',
    '0002_broken.sql': 'CREATE TABLE b (x INTEGER);\nINSERT INTO a VALUES (1);\nINSERT INTO nowhere VALUES (1);',
  });
  assert.throws(() => migrate(db, migrations), (err: Error) =>
    err instanceof MigrationError && /^Migration 0002_broken\.sql failed: no such table: nowhere/.test(err.message));
  assert.deepEqual(tables(db), ['a', 'schema_migrations']);
  assert.equal(db.prepare('SELECT COUNT(*) FROM a').pluck().get(), 0);
  assert.deepEqual(db.prepare('SELECT name FROM schema_migrations').pluck().all(), ['0001_ok.sql']);
});

test('misnamed and duplicate-numbered files are refused before anything runs', (t) => {
  const misnamed = setUp(t, { '0001_a.sql': 'CREATE TABLE a (x INTEGER);', 'add-table.sql': 'CREATE TABLE b (x INTEGER);' });
  assert.throws(() => migrate(misnamed.db, misnamed.migrations), /add-table\.sql is misnamed/);
  assert.deepEqual(tables(misnamed.db), ['schema_migrations']);
  const twins = setUp(t, { '0001_a.sql': 'CREATE TABLE a (x INTEGER);', '0001_b.sql': 'CREATE TABLE b (x INTEGER);' });
  assert.throws(() => migrate(twins.db, twins.migrations), /0001_a\.sql and 0001_b\.sql share a number/);
});

test("the project's migrations apply to a new database with WAL and foreign keys on", (t) => {
  const db = openDb(tempDir(t));
  t.after(() => db.close());
  const applied = migrate(db, path.join(projectRoot, 'migrations'));
  assert.ok(applied.length >= 1);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  for (const table of ['articles', 'columns', 'pages', 'settings', 'users']) assert.ok(tables(db).includes(table), table);
  for (const file of fs.readdirSync(path.join(projectRoot, 'migrations'))) {
    const sql = fs.readFileSync(path.join(projectRoot, 'migrations', file), 'utf8');
    assert.match(sql, /^-- /, `${file} starts with a line saying why`);
    assert.doesNotMatch(sql, /^\s*(BEGIN|COMMIT)\b/im, `${file} leaves transactions to the runner`);
  }
});
