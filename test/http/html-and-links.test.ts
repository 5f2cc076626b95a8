// Every page type is valid HTML5 by the Nu Html Checker (vnu-jar, on Java), and a crawl of the whole sample site
// finds no broken internal link, image, stylesheet or feed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { checkContext, internalLinkProblem } from '../../src/content/checks.js';
import { logIn, createUser } from '../helpers/admin.js';
import { NOW, SITE_URL, startApp, tempDir } from '../helpers/app.js';

const vnuJar = createRequire(import.meta.url)('vnu-jar') as string;

test('public and admin pages have no HTML errors', async (t) => {
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'boss', 'admin');
  const dir = tempDir(t);
  const pages: Record<string, string> = {};
  app.db.prepare(`INSERT INTO enquiries (code_hash, name, contact, subject, message, may_publish, status, answer, answer_department, answered_at, created_at, updated_at)
    VALUES ('x', '读者', '13800000000', '科普讲座怎么报名', '请问科普讲座怎么报名？', 1, 'answered', '请拨打电话报名。', '科普部', '2026-02-02T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z')`).run();
  for (const pathname of ['/', '/xwzx/', '/gzdt/', '/gzdt/index_1.html', '/gzdt/202601/t20260109_1.html', '/lxwm.html', '/wzsm.html', '/wzdt.html', '/no/such/page',
    '/zxly/', '/zxly/1.html', '/zxly/write.html', '/zxly/query.html']) {
    pages[pathname] = await (await app.get(pathname)).text();
  }
  pages['/admin/login'] = await (await app.get('/admin/login')).text();
  const boss = await logIn(app, 'boss');
  for (const pathname of ['/admin/', '/admin/articles', '/admin/articles/new', '/admin/articles/1/edit', '/admin/articles/1/history',
    '/admin/review', '/admin/columns', '/admin/columns/2/edit', '/admin/settings', '/admin/users', '/admin/audit', '/admin/pages/1/edit',
    '/admin/checks', '/admin/wording', '/admin/wording/1/edit', '/admin/enquiries', '/admin/enquiries/1', '/admin/enquiries/settings']) {
    pages[pathname] = (await boss.get(pathname)).html;
  }
  const files = Object.entries(pages).map(([pathname, html], i) => {
    const file = path.join(dir, `page-${i}.html`);
    fs.writeFileSync(file, html);
    return { pathname, file };
  });
  let report: string;
  try {
    report = execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', '--stdout', ...files.map((f) => f.file)], { encoding: 'utf8' });
  } catch (err) {
    report = String((err as { stdout: string }).stdout); // vnu exits 1 when it finds errors: the report says which
  }
  const byFile = new Map(files.map((f) => [`file:${f.file}`, f.pathname]));
  const errors = (JSON.parse(report) as { messages: { url: string; type: string; message: string; lastLine?: number }[] }).messages
    .filter((m) => m.type === 'error')
    .map((m) => `${byFile.get(m.url) ?? m.url}:${m.lastLine ?? '?'} ${m.message}`);
  assert.deepEqual(errors, []);
});

test('a crawl of the whole site from the home page finds no broken internal link', async (t) => {
  const app = await startApp(t, { sample: true });
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  const broken: string[] = [];
  const toPath = (href: string) => {
    const url = new URL(href, `${SITE_URL}/`);
    return url.origin === SITE_URL ? url.pathname + url.search : undefined;
  };
  while (queue.length > 0) {
    const pathname = queue.shift()!;
    const res = await fetch(app.url + pathname, { redirect: 'manual' });
    const location = res.headers.get('location');
    const body = await res.text();
    if (res.status >= 300 && res.status < 400 && location) {
      const next = toPath(location);
      if (next && !seen.has(next)) (seen.add(next), queue.push(next));
      continue;
    }
    if (res.status !== 200) {
      broken.push(`${pathname} -> ${res.status}`);
      continue;
    }
    if (!/html|xml/.test(res.headers.get('content-type') ?? '')) continue;
    const { document } = parseHTML(body);
    const links = [...document.querySelectorAll('a[href], link[href], img[src], script[src]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src')!)
      .filter((href) => !/^(mailto|tel|javascript):|^#/.test(href));
    for (const href of links) {
      const next = toPath(href);
      if (next && !next.startsWith('/admin') && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(seen.size > 60, `crawled ${seen.size} URLs`);
  for (const expected of ['/gzdt/202601/t20260109_1.html', '/gzdt/index_1.html', '/rss.xml', '/gzdt/rss.xml', '/wzdt.html', '/lxwm.html', '/zxly/']) {
    assert.ok(seen.has(expected), expected);
  }
  // The content checks' link resolver (a copy of the route table) agrees with the site: every address the crawl
  // reached is fine by it, and addresses the site answers 404 are not.
  const ctx = checkContext(app.store, { dataDir: app.dataDir, siteUrl: SITE_URL }, NOW);
  const disagreements = [...seen].map((p) => p.split('?')[0]!).filter((p) => internalLinkProblem(ctx, p) !== '');
  assert.deepEqual(disagreements, []);
  for (const missing of ['/nosuch/', '/gzdt/index_99.html', '/gzdt/202601/t20260109_99999.html', '/nosuch.html', '/zxly/99.html', '/uploads/2026/01/' + '0'.repeat(32) + '.png']) {
    assert.equal((await app.get(missing)).status, 404, missing);
    assert.notEqual(internalLinkProblem(ctx, missing), '', missing);
  }
});
