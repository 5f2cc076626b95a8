// Crash safety: the server process is killed with SIGKILL in the middle of a stream of saves and publishes. After a
// restart, every save and publish that was answered with success is there, nothing half-written is visible, and
// SQLite's integrity check passes.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { projectRoot } from '../../src/config.js';
import { openDb } from '../../src/db/open.js';
import { migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/store/store.js';
import { Client, createUser } from '../helpers/admin.js';
import { tempDir, type TestApp } from '../helpers/app.js';
import { startServer } from '../helpers/server.js';

const start = (t: TestContext, dataDir: string) => startServer(t, { DATA_DIR: dataDir, ADMIN_PASSWORD: 'first-admin-pass-1' });

test('SIGKILL during saves and publishes: every answered write survives, nothing half-written, integrity ok', async (t) => {
  const dataDir = tempDir(t);
  {
    const db = openDb(dataDir);
    migrate(db, `${projectRoot}/migrations`);
    const store = createStore(db);
    await createUser(store, 'ed', 'editor');
    await createUser(store, 'boss', 'admin');
    db.close();
  }
  const first = await start(t, dataDir);
  const app = { url: first.url } as TestApp;
  const editor = await new Client(app).logIn('ed');
  const boss = await new Client(app).logIn('boss');
  const { document } = await editor.get('/admin/articles/new');
  const columnId = document.querySelector('select[name="columnId"] option[value]:not([value=""])')!.getAttribute('value')!;

  // Each answered step is written down as it is acknowledged; the process dies while others are in flight.
  const saved = new Map<number, { title: string; bodyMd: string }>();
  const published = new Set<number>();
  let killed = false;
  let last = ''; // the last refusal, to explain a stalled run
  const body = (n: number) => `第${n}篇的正文。\n\n${'科普工作扎实推进，'.repeat(200)}\n\n结尾第${n}段。`;
  const writer = async (lane: number) => {
    for (let i = 0; !killed; i++) {
      const title = `崩溃测试第${lane}-${i}篇`;
      const bodyMd = body(lane * 1000 + i);
      try {
        const { res } = await editor.post('/admin/articles', { action: 'submit', title, columnId, bodyMd }, { files: [] });
        const id = Number(/\/admin\/articles\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
        if (res.status !== 303 || !id) {
          last = `save ${res.status}`;
          continue;
        }
        saved.set(id, { title, bodyMd });
        const approved = await boss.post(`/admin/articles/${id}/approve`);
        if (approved.res.status === 303) published.add(id);
        else last = `approve ${approved.res.status}: ${approved.html.slice(0, 300)}`;
      } catch {
        return; // the connection died with the process
      }
    }
  };
  const lanes = [1, 2, 3].map(writer);
  const deadline = Date.now() + 30_000;
  while (published.size < 15) {
    assert.ok(Date.now() < deadline, `stalled at ${saved.size} saved, ${published.size} published; ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  killed = true;
  first.child.kill('SIGKILL');
  await Promise.all([first.exited, ...lanes]);

  const second = await start(t, dataDir);
  const db = openDb(dataDir);
  t.after(() => db.close());
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  for (const [id, expected] of saved) {
    const row = db.prepare('SELECT title, body_md AS bodyMd FROM articles WHERE id = ?').get(id);
    assert.deepEqual(row, expected, `article ${id} as it was acknowledged`);
  }
  for (const id of published) {
    assert.equal(db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(id), 'published', `article ${id}`);
    const page = await fetch(`${second.url}/search?q=${encodeURIComponent(saved.get(id)!.title)}`);
    assert.match(await page.text(), new RegExp(saved.get(id)!.title), `article ${id} is found by search`);
  }
  // Nothing half-written: every article is whole (its body ends as written) and indexed with its revision history.
  const articles = db.prepare("SELECT id, body_md AS bodyMd FROM articles WHERE title LIKE '崩溃测试%'").all() as { id: number; bodyMd: string }[];
  assert.ok(articles.length >= saved.size);
  for (const article of articles) {
    assert.match(article.bodyMd, /结尾第\d+段。$/, `article ${article.id} whole`);
    assert.ok(db.prepare('SELECT 1 FROM article_revisions WHERE article_id = ?').get(article.id), `article ${article.id} has its revision`);
  }
  assert.ok(saved.size >= 15 && published.size >= 15);
});
