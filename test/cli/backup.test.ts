// npm run backup and npm run restore, as real processes, against a site that keeps serving and saving meanwhile.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot } from '../../src/config.js';
import { listBackups } from '../../src/content/backups.js';
import { uploadsDir } from '../../src/content/uploads.js';
import { openDb } from '../../src/db/open.js';
import { createUser, logIn, type Upload } from '../helpers/admin.js';
import { startApp, tempDir } from '../helpers/app.js';
import { PDF, PNG } from '../helpers/files.js';

const SCRIPT = 'src/cli/backup.ts';
const command = (args: string[], env: Record<string, string>) => [process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
  cwd: projectRoot, env: { ...process.env, ...env },
}] as const;
const run = (args: string[], env: Record<string, string>) => {
  const [exe, argv, options] = command(args, env);
  return spawnSync(exe, argv, { ...options, encoding: 'utf8', timeout: 30_000 });
};

describe('npm run backup / restore', () => {
  test('a backup taken while the site saves restores into a fresh DATA_DIR with every article and file', async (t) => {
    const app = await startApp(t, { sample: true });
    await createUser(app.store, 'ed', 'editor');
    const editor = await logIn(app, 'ed');
    const columnId = String(app.db.prepare("SELECT id FROM columns WHERE slug = 'gzdt'").pluck().get());
    const save = async (title: string, files: Upload[] = []) => {
      await editor.get('/admin/articles/new');
      const { res } = await editor.post('/admin/articles', { action: 'save', title, columnId, bodyMd: '正文', bodyImageAlt: '现场' }, { files });
      assert.equal(res.status, 303, title);
    };
    await save('带图片和附件的文章', [
      { name: 'bodyImage', file: '现场.png', type: 'image/png', bytes: PNG },
      { name: 'attachments', file: '方案.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    const before = app.db.prepare('SELECT id, title, body_md FROM articles ORDER BY id').all();
    const files = app.db.prepare('SELECT file_name FROM uploads').pluck().all() as string[];
    assert.equal(files.length, 2);

    // The backup runs in its own process while the editor goes on saving through the site.
    const root = tempDir(t);
    const [exe, argv, options] = command(['--to', root], { DATA_DIR: app.dataDir });
    const child = spawn(exe, argv, options);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let done = false;
    void exited.then(() => (done = true));
    let saves = 0;
    while (!done) await save(`备份期间保存的第${++saves}篇`);
    assert.equal(await exited, 0, output);
    assert.match(output, /^Backed up \d+ articles and 2 uploaded files to .*backup-\d{8}-\d{6}\.$/m);
    const [name] = listBackups(root);
    assert.ok(name, output);
    assert.deepEqual(fs.readdirSync(root), [name], 'no partial folder is left behind');

    const restoredDir = path.join(tempDir(t), 'data');
    const restored = run(['--restore', path.join(root, name!)], { DATA_DIR: restoredDir });
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /^Restored \d+ articles and 2 uploaded files into /);
    const db = openDb(restoredDir);
    t.after(() => db.close());
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const after = db.prepare('SELECT id, title, body_md FROM articles WHERE id <= ? ORDER BY id').all((before.at(-1) as { id: number }).id);
    assert.deepEqual(after, before, 'every article saved before the backup began');
    for (const file of files) {
      assert.deepEqual(fs.readFileSync(path.join(uploadsDir(restoredDir), file)), fs.readFileSync(path.join(uploadsDir(app.dataDir), file)), file);
    }
    // Whatever the snapshot holds is whole: every saved article has its revision.
    assert.equal(db.prepare('SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id) AND a.import_key IS NULL').pluck().get(), 0);
    assert.ok(saves > 0, 'the site saved while the backup ran');
  });

  test('keeps the newest N; refuses to restore over a site or from a folder that is not a backup', async (t) => {
    const app = await startApp(t, { sample: true });
    const root = tempDir(t);
    for (let i = 0; i < 3; i++) assert.equal(run(['--to', root, '--keep', '2'], { DATA_DIR: app.dataDir }).status, 0);
    const kept = listBackups(root);
    assert.equal(kept.length, 2);
    const over = run(['--restore', path.join(root, kept[0]!)], { DATA_DIR: app.dataDir });
    assert.equal(over.status, 1);
    assert.match(over.stderr, /already has a site database/);
    const leftover = tempDir(t);
    fs.writeFileSync(path.join(leftover, 'site.db-wal'), 'an old write-ahead log');
    const overWal = run(['--restore', path.join(root, kept[0]!)], { DATA_DIR: leftover });
    assert.equal(overWal.status, 1, 'a leftover -wal would be applied to the restored database');
    assert.ok(!fs.existsSync(path.join(leftover, 'site.db')));
    const notBackup = run(['--restore', tempDir(t)], { DATA_DIR: tempDir(t) });
    assert.equal(notBackup.status, 1);
    assert.match(notBackup.stderr, /is not a backup/);
    assert.equal(run(['--keep', 'none'], { DATA_DIR: app.dataDir }).status, 2);
  });
});
