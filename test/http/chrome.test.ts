// What surrounds every page: the footer from site settings, error pages, static assets, health and headers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startApp, text, texts } from '../helpers/app.js';
import { setSettings } from '../helpers/seed.js';
import { createLogger } from '../../src/web/log.js';

describe('footer', () => {
  test('the sample settings: 主办单位, 版权所有, phone, fax, report e-mail, ICP linking to MIIT, and no court', async (t) => {
    const app = await startApp(t, { sample: true });
    for (const path of ['/', '/gzdt/', '/gzdt/202601/t20260109_1.html', '/lxwm.html', '/nope']) {
      const { html, document } = await app.page(path);
      const footer = document.querySelector('.site-footer')!;
      assert.match(footer.textContent!, /主办单位：枣庄市科学技术协会\s*版权所有：枣庄市科学技术协会/, path);
      assert.match(footer.textContent!, /电话：0632-3321213\s*传真：0632-3321213\s*举报邮箱：skxbgs@zz\.shandong\.cn/, path);
      assert.equal(footer.querySelector('a[href="mailto:skxbgs@zz.shandong.cn"]')?.textContent, 'skxbgs@zz.shandong.cn');
      assert.equal(footer.querySelector('a[href="https://beian.miit.gov.cn/"]')?.textContent, '鲁ICP备05008974号');
      assert.doesNotMatch(html, /MAGISTRATE|COURT|公网安备|网站标识码|地址：/i, path);
    }
  });

  test('every element comes from the settings and changes show at once', async (t) => {
    const app = await startApp(t, { sample: true });
    setSettings(app.db, {
      siteName: '市中区科学技术协会',
      sponsor: '市中区科学技术协会',
      copyrightHolder: '枣庄市市中区科协',
      icpNumber: '鲁ICP备12345678号-2',
      policeFilingNumber: '鲁公网安备37040202000123号',
      siteCode: '3704020001',
      conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=ABC123',
      address: '枣庄市市中区某某路1号',
      postcode: '277100',
      phone: '0632-1234567',
      fax: '0632-7654321',
      reportEmail: 'report@example.cn',
    });
    const { html, document } = await app.page('/');
    const footer = document.querySelector('.site-footer')!;
    assert.equal(text(document, '.brand-name'), '市中区科学技术协会');
    assert.equal(text(document, 'title'), '市中区科学技术协会');
    assert.match(footer.textContent!, /主办单位：市中区科学技术协会\s*版权所有：枣庄市市中区科协/);
    assert.match(footer.textContent!, /地址：枣庄市市中区某某路1号\s*邮编：277100/);
    assert.match(footer.textContent!, /电话：0632-1234567\s*传真：0632-7654321/);
    assert.equal(footer.querySelector('a[href="mailto:report@example.cn"]')?.textContent, 'report@example.cn');
    assert.equal(footer.querySelector('a[href="https://beian.miit.gov.cn/"]')?.textContent, '鲁ICP备12345678号-2');
    const police = footer.querySelector('.police-filing')!;
    assert.equal(police.getAttribute('href'), 'https://beian.mps.gov.cn/#/query/webSearch?code=37040202000123');
    assert.equal(police.textContent!.trim(), '鲁公网安备37040202000123号');
    assert.match(police.querySelector('img')!.getAttribute('src')!, /^\/assets\/img\/police-filing\.[0-9a-f]{10}\.svg$/);
    assert.match(footer.textContent!, /网站标识码：3704020001/);
    assert.equal(footer.querySelector('.conac-badge')?.getAttribute('href'), 'https://bszs.conac.cn/sitename?method=show&id=ABC123');
    assert.doesNotMatch(html, /0632-3321213|skxbgs|05008974/);
  });

  test('an invalid stored value falls back instead of breaking the page', async (t) => {
    const app = await startApp(t, { sample: true });
    setSettings(app.db, { reportEmail: 'not an e-mail', icpNumber: '<script>alert(1)</script>' });
    const { res, html } = await app.page('/');
    assert.equal(res.status, 200);
    assert.doesNotMatch(html, /not an e-mail|<script>alert/);
  });

  test('settings text is escaped', async (t) => {
    const app = await startApp(t, { sample: true });
    setSettings(app.db, { address: '<img src=x onerror=alert(1)>路' });
    const { html } = await app.page('/');
    assert.match(html, /地址：&lt;img src=x onerror=alert\(1\)&gt;路/);
  });
});

describe('error pages', () => {
  test('404 in the site layout, with a Chinese message, not cached', async (t) => {
    const app = await startApp(t, { sample: true });
    const { res, document } = await app.page('/no/such/page');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(text(document, 'h1'), '页面不存在');
    assert.equal(text(document, 'title'), '页面不存在 - 枣庄市科学技术协会');
    assert.deepEqual(texts(document, '.site-nav a'), ['首页', '新闻中心', '科普知识', '学会动态', '咨询留言']);
    assert.match(text(document, '.site-footer')!, /鲁ICP备05008974号/);
  });

  test('a broken database gives a 500 page without a stack trace, logged with it under the request id; /healthz says 503', async (t) => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = await startApp(t, { sample: true, log });
    app.db.close();
    const { res, html, document } = await app.page('/');
    assert.equal(res.status, 500);
    assert.equal(text(document, 'h1'), '服务暂时不可用');
    assert.match(html, /<link rel="stylesheet"/);
    assert.doesNotMatch(html, /TypeError|Error:|at .*\.ts|node_modules|database connection/);
    const reqId = text(document, '.error-ref code');
    assert.ok(reqId, 'the page names the request');
    const failure = lines.find((line) => line.msg === 'request failed');
    assert.equal(failure?.reqId, reqId);
    assert.match(String((failure?.err as { stack?: string }).stack), /database connection is not open[\s\S]*\n +at /, 'the stack is in the log');
    const access = lines.find((line) => line.msg === 'request' && line.reqId === reqId);
    assert.deepEqual([access?.method, access?.url, access?.status, typeof access?.ms], ['GET', '/', 500, 'number']);
    const health = await app.get('/healthz');
    assert.equal(health.status, 503);
    assert.deepEqual(await health.json(), { status: 'unavailable' });
  });

  test('every request has a JSON access line with its own id, cached answers too; a trusted proxy may name it', async (t) => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = await startApp(t, { sample: true, log, env: { TRUST_PROXY: '1' } });
    for (const path of ['/', '/', '/nope', '/admin/login']) await (await app.get(path)).text();
    await (await app.get('/', { headers: { 'X-Request-Id': 'nginx-0123456789abcdef' } })).text();
    await (await app.get('/', { headers: { 'X-Request-Id': 'bad id; <script>' } })).text();
    await new Promise((resolve) => setImmediate(resolve));
    const access = lines.filter((line) => line.msg === 'request');
    assert.deepEqual(access.map((line) => [line.method, line.url, line.status]),
      [['GET', '/', 200], ['GET', '/', 200], ['GET', '/nope', 404], ['GET', '/admin/login', 200], ['GET', '/', 200], ['GET', '/', 200]]);
    assert.equal(app.site.pageCache.stats().hits, 3, 'three of them were cache hits');
    assert.ok(access.every((line) => typeof line.ms === 'number' && typeof line.time === 'string' && line.level === 30));
    assert.equal(access[4]!.reqId, 'nginx-0123456789abcdef');
    assert.equal(new Set(access.map((line) => line.reqId)).size, access.length, 'each request its own id');
    assert.match(String(access[5]!.reqId), /^[a-z0-9]+-[a-z0-9]+$/, 'a malformed id is replaced');
    // Only a proxy Express trusts may name the request.
    for (const trust of ['false', '0', '10.0.0.1']) {
      const seen: Record<string, unknown>[] = [];
      const other = await startApp(t, { log: createLogger({ logLevel: 'info' }, { write: (line: string) => void seen.push(JSON.parse(line)) }), env: { TRUST_PROXY: trust } });
      await (await other.get('/healthz', { headers: { 'X-Request-Id': 'nginx-0123456789abcdef', 'X-Forwarded-For': '203.0.113.9' } })).text();
      await new Promise((resolve) => setImmediate(resolve));
      const line = seen.find((l) => l.msg === 'request')!;
      assert.notEqual(line.reqId, 'nginx-0123456789abcdef', `TRUST_PROXY=${trust}`);
      assert.equal(line.forwardedFor, undefined, `TRUST_PROXY=${trust}`);
    }
  });

  test('a malformed URL is a 400, not a 500', async (t) => {
    const app = await startApp(t, { sample: true });
    const res = await app.get('/%E0%A4%A/');
    assert.equal(res.status, 400);
    assert.match(await res.text(), /请求无效/);
  });
});

describe('static files, health and headers', () => {
  test('stylesheet and images are fingerprinted and cached for a year; an old fingerprint still works briefly', async (t) => {
    const app = await startApp(t, { sample: true });
    const { document } = await app.page('/');
    const css = document.querySelector('link[rel="stylesheet"]')!.getAttribute('href')!;
    assert.match(css, /^\/assets\/css\/site\.[0-9a-f]{10}\.css$/);
    const res = await app.get(css);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/css/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const stale = await app.get('/assets/css/site.0123456789.css');
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.get('cache-control'), 'public, max-age=300');
    for (const path of ['/assets/css/site.css', '/assets/css/nope.0123456789.css', '/assets/..%2F..%2Fpackage.0123456789.json', '/assets/%2e%2e/src/config.0123456789.ts']) {
      assert.equal((await app.get(path)).status, 404, path);
    }
  });

  test('favicon', async (t) => {
    const app = await startApp(t);
    const res = await app.get('/favicon.ico');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/vnd.microsoft.icon');
    assert.ok((await res.arrayBuffer()).byteLength > 100);
  });

  test('/healthz checks the database', async (t) => {
    const app = await startApp(t);
    const res = await app.get('/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('security headers: a strict content security policy, no sniffing, no framing', async (t) => {
    const app = await startApp(t, { sample: true });
    const res = await app.get('/');
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-powered-by'), null);
    const html = await res.text();
    assert.doesNotMatch(html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, ''), /<script(?![^>]*\bsrc="\/assets\/)|style="|<style/,
      'no inline script or style for the policy to allow (JSON-LD is data, never run; scripts are files)');
  });

  test('on every kind of response: permissions, referrer, HSTS for an https site (and only then), cached pages alike', async (t) => {
    const app = await startApp(t, { sample: true });
    for (const path of ['/', '/', '/nope', '/admin/login', '/assets/css/site.css', '/search?q=%E7%A7%91', '/rss.xml']) {
      const res = await app.get(path);
      assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\), .*geolocation=\(\), .*microphone=\(\)/, path);
      assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
      assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000', path);
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN', path);
    }
    assert.ok(app.site.pageCache.stats().hits > 0);
    const plain = await startApp(t, { sample: true, env: { SITE_URL: 'http://localhost:3000' } });
    assert.equal((await plain.get('/')).headers.get('strict-transport-security'), null, 'no HSTS for a plain-HTTP site');
  });
});
