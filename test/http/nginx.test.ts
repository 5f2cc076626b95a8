// The documented reverse proxy: its configuration passes `nginx -t`, and run in front of the app it micro-caches
// public pages and shows a publication once its one-second cache time runs out (nginx counts it in whole seconds,
// so up to two; the bound below is loose on purpose: this checks that stale pages expire, not how fast).
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { proxyConfig, startNginx } from '../../src/deploy/nginx.js';
import { startApp, tempDir } from '../helpers/app.js';

const ARTICLE = '/gzdt/202601/t20260109_1.html';

test('nginx in front: nginx -t passes, pages are micro-cached, a publication shows once the cache time runs out', async (t) => {
  const app = await startApp(t, { sample: true });
  const prefix = tempDir(t);
  const nginx = await startNginx(prefix, (listen) => proxyConfig(new URL(app.url).host, prefix, listen));
  t.after(() => void nginx.child.kill('SIGQUIT')); // started only once `nginx -t` passed
  const proxy = nginx.url;
  const first = await fetch(proxy + ARTICLE);
  assert.equal(first.status, 200);
  await first.text();
  const second = await fetch(proxy + ARTICLE);
  assert.equal(second.headers.get('x-cache'), 'HIT');
  assert.match(await second.text(), /【经验交流】/);

  const br = await fetch(proxy + '/', { headers: { 'accept-encoding': 'br' } });
  assert.equal(br.headers.get('content-encoding'), 'br');
  await br.arrayBuffer();
  // node:http, unlike fetch, sends no Accept-Encoding of its own
  const plain = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(proxy + '/', resolve).on('error', reject));
  plain.resume();
  assert.equal(plain.headers['x-cache'], 'MISS', 'the plain page is its own cached copy');
  assert.equal(plain.headers['content-encoding'], undefined, 'a reader without br never gets the cached br copy');

  app.db.prepare("UPDATE articles SET title = '经代理看到的新标题' WHERE id = 1").run();
  const published = Date.now();
  let seen = false;
  while (!seen && Date.now() - published < 8000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = /经代理看到的新标题/.test(await (await fetch(proxy + ARTICLE)).text());
  }
  assert.ok(seen, 'the proxy still served the old page 8 s after the change');
  const staff = await fetch(proxy + ARTICLE, { headers: { cookie: 'kx_sid=x' } });
  assert.notEqual(staff.headers.get('x-cache'), 'HIT', 'staff are never served from the proxy cache');
  // A reader's own form token and receipt are never handed to the next reader.
  for (const path of ['/zxly/write.html', '/zxly/query.html', '/zxly/receipt.html']) {
    const [first, second] = [await fetch(proxy + path), await fetch(proxy + path)];
    for (const res of [first, second]) assert.equal(res.headers.get('x-cache'), null, `${path} is not cached`);
    if (path !== '/zxly/receipt.html') assert.notEqual(/name="token" value="([^"]+)"/.exec(await first.text())?.[1], /name="token" value="([^"]+)"/.exec(await second.text())?.[1]);
  }
});
