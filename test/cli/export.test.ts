// npm run export: the public site as static files, served by a plain static server exactly like the live app, and
// rewritten incrementally.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { createApp, serve } from '../../src/app.js';
import { loadConfig, projectRoot } from '../../src/config.js';
import { viewCounter } from '../../src/content/view-counter.js';
import { openDb } from '../../src/db/open.js';
import { createStore } from '../../src/store/store.js';
import { createLogger } from '../../src/web/log.js';
import { tempDir } from '../helpers/app.js';

const SITE_URL = 'https://kx.example.gov.cn';

function runExport(dataDir: string, dir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', dir], {
    cwd: projectRoot, env: { ...process.env, DATA_DIR: dataDir, SITE_URL, ADMIN_PASSWORD: 'first-admin-pass-1' }, encoding: 'utf8', timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr);
  const [, written, unchanged, removed] = /(\d+) files written, (\d+) unchanged, (\d+) removed/.exec(result.stdout)!.map(Number);
  return [written!, unchanged!, removed!] as const;
}

/** A plain static file server, as a CDN or nginx would serve the export: /gzdt/ is gzdt/index.html. */
async function staticServer(t: TestContext, root: string) {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.xml': 'application/xml', '.txt': 'text/plain', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    const file = path.join(root, url.endsWith('/') ? `${url}index.html` : url);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('the export serves every public page as the live app does, and re-runs write only what changed', async (t) => {
  const dataDir = tempDir(t);
  const dir = tempDir(t);
  const [written, unchanged, removed] = runExport(dataDir, dir);
  assert.ok(written > 150 && unchanged === 0 && removed === 0, `${written} written`);
  for (const file of ['index.html', 'index.html.gz', 'index.html.br', 'gzdt/index.html', 'gzdt/index_1.html', 'gzdt/202601/t20260109_1.html',
    'rss.xml', 'gzdt/rss.xml', 'sitemap.xml', 'sitemap-pages.xml', 'sitemap-articles-1.xml', 'robots.txt', 'lxwm.html', 'wzdt.html', 'favicon.ico']) {
    assert.ok(fs.existsSync(path.join(dir, file)), file);
  }

  const db = openDb(dataDir);
  t.after(() => db.close());
  const store = createStore(db);
  const views = viewCounter(store);
  t.after(() => views.stop());
  const config = loadConfig({ DATA_DIR: dataDir, SITE_URL, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  const live = serve(createApp({ config, store, now: () => new Date(), views, log: createLogger(config) }), 0, '127.0.0.1');
  await new Promise((resolve) => live.once('listening', resolve));
  t.after(() => new Promise((resolve) => live.close(resolve)));
  const liveUrl = `http://127.0.0.1:${(live.address() as AddressInfo).port}`;
  const staticUrl = await staticServer(t, dir);
  const home = await (await fetch(`${liveUrl}/`)).text();
  const assets = [...home.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  for (const url of ['/', '/xwzx/', '/gzdt/', '/gzdt/index_1.html', '/gzdt/202601/t20260109_1.html', '/lxwm.html', '/wzdt.html', '/rss.xml', '/gzdt/rss.xml', '/sitemap.xml', '/robots.txt', ...assets]) {
    const [a, b] = await Promise.all([fetch(liveUrl + url), fetch(staticUrl + url)]);
    assert.equal(b.status, 200, url);
    assert.deepEqual(Buffer.from(await b.arrayBuffer()), Buffer.from(await a.arrayBuffer()), url);
  }

  assert.deepEqual(runExport(dataDir, dir).slice(0, 1), [0], 'nothing changed, nothing written');
  db.prepare("UPDATE articles SET status = 'withdrawn' WHERE id = 1").run();
  const [again, same, gone] = runExport(dataDir, dir);
  assert.ok(again > 0 && same > 0, `${again} written, ${same} unchanged`);
  assert.ok(gone >= 3, 'the withdrawn article and its compressed copies are removed');
  assert.equal(fs.existsSync(path.join(dir, 'gzdt/202601/t20260109_1.html')), false);
});
