// The page cache: finished public pages answered from memory, compressed, with 304s, counting views, and never
// stale: every kind of change empties it, in every process serving the same database.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { NOW, startApp, tempDir, type TestApp } from '../helpers/app.js';
import { seedArticle, setSettings } from '../helpers/seed.js';
import { startServer } from '../helpers/server.js';

const ARTICLE = '/gzdt/202601/t20260109_1.html';

const hits = (app: TestApp) => app.site.pageCache.stats().hits;

describe('a cached page', () => {
  test('is the same page, with the same headers, answered without Express; compressed on request; 304 and HEAD', async (t) => {
    const app = await startApp(t, { sample: true });
    const miss = await app.raw(ARTICLE);
    const before = hits(app);
    const hit = await app.raw(ARTICLE);
    assert.equal(hits(app), before + 1);
    assert.equal(hit.body, miss.body);
    for (const header of ['content-type', 'cache-control', 'etag', 'last-modified', 'content-security-policy', 'x-content-type-options', 'vary']) {
      assert.equal(hit.headers[header], miss.headers[header], header);
    }
    assert.equal(hit.headers.vary, 'Accept-Encoding, Cookie');
    const br = await rawBuffer(app, ARTICLE, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(zlib.brotliDecompressSync(br.body).toString(), miss.body);
    const gzip = await rawBuffer(app, ARTICLE, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(gzip.body).toString(), miss.body);
    assert.equal((await app.raw(ARTICLE, { 'if-none-match': String(miss.headers.etag) })).status, 304);
    const head = await app.raw(ARTICLE, {}, 'HEAD');
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(miss.body)));
    for (const path of ['/rss.xml', '/sitemap.xml', '/robots.txt', '/gzdt/', '/']) {
      const first = await app.raw(path);
      assert.equal((await app.raw(path)).body, first.body, path);
    }
  });

  test('keeps the reader’s display preferences apart, counts views, and never keeps errors or the admin', async (t) => {
    const app = await startApp(t, { sample: true });
    const standard = await app.raw(ARTICLE);
    const elder = await app.raw(ARTICLE, { cookie: 'kx_mode=elder' });
    assert.match(elder.body, /<html lang="zh-CN" class="elder">/);
    assert.doesNotMatch(standard.body, /class="elder"/);
    assert.match((await app.raw(ARTICLE, { cookie: 'kx_mode=elder' })).body, /class="elder"/);
    const ua = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0' };
    const before = app.views.pending(1);
    for (let i = 0; i < 3; i++) await app.raw(ARTICLE, ua);
    assert.equal(app.views.pending(1), before + 3, 'hits count as views');
    const entries = app.site.pageCache.stats().entries;
    await app.raw('/nope');
    await app.raw('/admin/login');
    await app.raw('/healthz');
    assert.equal(app.site.pageCache.stats().entries, entries);
  });
});

describe('nothing stale', () => {
  async function changed(app: TestApp, path: string, change: () => void, expect: RegExp | number) {
    await app.raw(path);
    await app.raw(path); // cached now
    change();
    const after = await app.raw(path);
    if (typeof expect === 'number') assert.equal(after.status, expect, path);
    else assert.match(after.body, expect, path);
  }

  test('after an edit, a withdrawal, a new article, and changes to settings, columns and pages', async (t) => {
    const app = await startApp(t, { sample: true });
    await changed(app, ARTICLE, () => app.db.prepare("UPDATE articles SET title = '改过的标题' WHERE id = 1").run(), /<h1>改过的标题<\/h1>/);
    await changed(app, '/gzdt/', () => app.db.prepare("UPDATE articles SET title = '列表里也改了' WHERE id = 1").run(), /列表里也改了/);
    await changed(app, ARTICLE, () => app.db.prepare("UPDATE articles SET status = 'withdrawn' WHERE id = 1").run(), 404);
    await changed(app, '/', () => seedArticle(app.db, { column: 'tzgg', title: '刚发布的通知', publishedAt: NOW.toISOString() }), /刚发布的通知/);
    await changed(app, '/', () => setSettings(app.db, { phone: '0632-9999999' }), /0632-9999999/);
    await changed(app, '/', () => app.db.prepare("UPDATE columns SET name = '科普园地' WHERE slug = 'kpzs'").run(), /科普园地/);
    await changed(app, '/lxwm.html', () => app.db.prepare("UPDATE pages SET title = '联系方式' WHERE slug = 'lxwm'").run(), /<h1>联系方式<\/h1>/);
    const newest = app.db.prepare("SELECT id FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1").pluck().get();
    await changed(app, '/rss.xml', () => app.db.prepare("UPDATE articles SET title = '订阅里也改了' WHERE id = ?").run(newest), /订阅里也改了/);
    await changed(app, '/sitemap-pages.xml', () => app.db.prepare("UPDATE pages SET slug = 'lxfs' WHERE slug = 'lxwm'").run(), /lxfs\.html/);
  });

  test('when a scheduled article comes due, with no write at all', async (t) => {
    let now = NOW;
    const app = await startApp(t, { sample: true, clock: () => now });
    seedArticle(app.db, { column: 'tzgg', title: '定时发布的通知', publishedAt: new Date(NOW.getTime() + 60_000).toISOString() });
    const before = await app.raw('/');
    assert.doesNotMatch(before.body, /定时发布的通知/);
    await app.raw('/');
    now = new Date(NOW.getTime() + 61_000);
    assert.match((await app.raw('/')).body, /定时发布的通知/);
  });

  test('stays within its memory, least recently used out', async (t) => {
    const app = await startApp(t, { sample: true, env: { PAGE_CACHE_MB: '1' } });
    for (const path of ['/', '/gzdt/', '/gzdt/index_1.html', '/xwzx/', '/tzgg/', '/kpzs/', '/xhdt/', ARTICLE, '/lxwm.html', '/wzsm.html', '/wzdt.html', '/rss.xml', '/gzdt/rss.xml']) {
      await app.raw(path);
    }
    const { bytes, entries } = app.site.pageCache.stats();
    assert.ok(bytes <= 1024 * 1024 && entries > 0, `${entries} entries, ${bytes} bytes`);
    const off = await startApp(t, { sample: true, env: { PAGE_CACHE_MB: '0' } });
    await off.raw('/');
    await off.raw('/');
    assert.deepEqual(off.site.pageCache.stats(), { entries: 0, bytes: 0, hits: 0, misses: 0 });
  });
});

test('two worker processes serve the same database and agree after a change', async (t) => {
  const dataDir = tempDir(t);
  const { url, output } = await startServer(t, { DATA_DIR: dataDir, WEB_CONCURRENCY: '2', ADMIN_PASSWORD: 'first-admin-pass-1' });
  assert.match(output(), /with 2 workers/);
  for (let i = 0; i < 20; i++) {
    const res = await fetch(url + ARTICLE, { headers: { connection: 'close' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /【经验交流】/);
  }
  const { openDb } = await import('../../src/db/open.js');
  const db = openDb(dataDir);
  t.after(() => db.close());
  db.prepare("UPDATE articles SET title = '两个进程都看到的新标题' WHERE id = 1").run();
  for (let i = 0; i < 20; i++) {
    const body = await (await fetch(url + ARTICLE, { headers: { connection: 'close' } })).text();
    assert.match(body, /两个进程都看到的新标题/, `request ${i}`);
  }
});

async function rawBuffer(app: TestApp, path: string, headers: Record<string, string>) {
  const http = await import('node:http');
  return new Promise<{ headers: import('node:http').IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(app.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
