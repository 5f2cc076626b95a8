// What crawlers get: robots.txt, sitemaps (validated against the sitemaps.org schema), feeds, page metadata,
// conditional requests and HEAD, and the background push to Baidu.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { DOMParser } from 'linkedom';
import { projectRoot } from '../../src/config.js';
import { runBaiduPush } from '../../src/content/baidu-push.js';
import { articlePath } from '../../src/lib/urls.js';
import { NOW, SITE_URL, startApp, tempDir, text, type TestApp } from '../helpers/app.js';
import { seedArticle, seedColumn, setSettings } from '../helpers/seed.js';

const FIXTURES = path.join(projectRoot, 'test', 'fixtures');

/** Runs xmllint against a schema from test/fixtures; returns its complaints ('' when valid). */
function schemaErrors(t: TestContext, xml: string, schema: string): string {
  const file = path.join(tempDir(t), 'doc.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', path.join(FIXTURES, schema), file], { stdio: 'pipe' });
    return '';
  } catch (err) {
    return String((err as { stderr: Buffer }).stderr);
  }
}

const xmlDoc = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
const all = (doc: Document, tag: string) => [...doc.getElementsByTagName(tag)].map((el) => el.textContent ?? '');

async function getXml(app: TestApp, pathname: string) {
  const res = await app.get(pathname);
  const body = await res.text();
  return { res, body, doc: xmlDoc(body) };
}

/** The sample site plus one article in each state readers must never see. */
async function withHiddenArticles(t: TestContext) {
  const app = await startApp(t, { sample: true });
  const hidden = [
    seedArticle(app.db, { column: 'gzdt', title: '草稿不可见', status: 'draft' }),
    seedArticle(app.db, { column: 'gzdt', title: '下线不可见', status: 'withdrawn' }),
    seedArticle(app.db, { column: 'gzdt', title: '删除不可见', deleted: true }),
    seedArticle(app.db, { column: 'gzdt', title: '定时不可见', publishedAt: new Date(NOW.getTime() + 3600_000).toISOString() }),
  ];
  return { app, hidden };
}

describe('robots.txt and sitemaps', () => {
  test('robots.txt keeps crawlers out of the admin and search, and announces the sitemap', async (t) => {
    const app = await startApp(t);
    const res = await app.get('/robots.txt');
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await res.text(), `User-agent: *\nDisallow: /admin/\nDisallow: /search\nDisallow: /prefs\n\nSitemap: ${SITE_URL}/sitemap.xml\n`);
  });

  test('the index and its files are valid, absolute, and list only what readers can see', async (t) => {
    const { app, hidden } = await withHiddenArticles(t);
    seedArticle(app.db, { column: 'tzgg', title: '昨天的通知', publishedAt: new Date(NOW.getTime() - 86_400_000).toISOString() });
    const index = await getXml(app, '/sitemap.xml');
    assert.equal(index.res.headers.get('content-type'), 'application/xml; charset=utf-8');
    assert.equal(schemaErrors(t, index.body, 'siteindex.xsd'), '');
    const files = all(index.doc, 'loc');
    assert.deepEqual(files, [`${SITE_URL}/sitemap-pages.xml`, `${SITE_URL}/sitemap-articles-1.xml`, `${SITE_URL}/sitemap-news.xml`]);
    const urls: string[] = [];
    for (const file of files) {
      const part = await getXml(app, file.slice(SITE_URL.length));
      assert.equal(part.res.status, 200, file);
      assert.equal(schemaErrors(t, part.body, file.endsWith('news.xml') ? 'sitemap-with-news.xsd' : 'sitemap.xsd'), '', file);
      for (const lastmod of all(part.doc, 'lastmod')) assert.match(lastmod, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      urls.push(...all(part.doc, 'loc'));
    }
    for (const url of urls) assert.ok(url.startsWith(`${SITE_URL}/`), url);
    assert.ok(urls.includes(`${SITE_URL}/`) && urls.includes(`${SITE_URL}/gzdt/`) && urls.includes(`${SITE_URL}/lxwm.html`));
    assert.ok(urls.includes(`${SITE_URL}/gzdt/202601/t20260109_1.html`));
    assert.equal(new Set(urls.filter((u) => /t\d{8}_\d+\.html$/.test(u))).size, 43, 'the 42 sample articles and yesterday’s notice');
    for (const article of hidden) assert.ok(!urls.some((u) => u.endsWith(`_${article.id}.html`)), article.title);
    const news = await getXml(app, '/sitemap-news.xml');
    assert.deepEqual(all(news.doc, 'news:title'), ['昨天的通知'], 'only the last two days');
    assert.deepEqual(all(news.doc, 'news:language'), ['zh-cn']);
  });

  test('more than 1,000 articles split into files of 1,000; an empty news sitemap is left out', async (t) => {
    const app = await startApp(t);
    seedColumn(app.db, { slug: 'gzdt', name: '工作动态' });
    app.db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)
      INSERT INTO articles (column_id, title, status, published_at, created_at, updated_at)
      SELECT 1, '文章' || i, 'published', strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', '+' || i || ' minutes'), '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'
      FROM n`);
    const index = await getXml(app, '/sitemap.xml');
    assert.deepEqual(all(index.doc, 'loc'), [`${SITE_URL}/sitemap-pages.xml`, `${SITE_URL}/sitemap-articles-1.xml`, `${SITE_URL}/sitemap-articles-2.xml`]);
    const first = await getXml(app, '/sitemap-articles-1.xml');
    assert.equal(first.doc.getElementsByTagName('url').length, 1_000);
    const second = await getXml(app, '/sitemap-articles-2.xml');
    assert.deepEqual(all(second.doc, 'loc'), [`${SITE_URL}/gzdt/202001/t20200101_1.html`], 'the oldest comes last');
    assert.equal((await app.get('/sitemap-articles-3.xml')).status, 404);
    assert.equal((await app.get('/sitemap-articles-0.xml')).status, 404);
    const missing = await app.get('/sitemap-news.xml');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'text/plain; charset=utf-8');
  });
});

describe('feeds', () => {
  test('RSS 2.0 for the site and each column: absolute URLs, escaped text, Beijing dates, published articles only', async (t) => {
    const { app, hidden } = await withHiddenArticles(t);
    seedArticle(app.db, {
      column: 'tzgg', title: '关于“A & B”<通知>', publishedAt: '2026-02-01T02:30:00.000Z',
      body: '正文 ![图](/uploads/2026/02/0123456789abcdef0123456789abcdef.png) [链接](/gzdt/)',
    });
    const site = await getXml(app, '/rss.xml');
    assert.equal(site.res.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
    assert.equal(site.doc.documentElement.getAttribute('version'), '2.0');
    assert.equal(site.doc.getElementsByTagName('parsererror').length, 0);
    const items = [...site.doc.getElementsByTagName('item')];
    assert.equal(items.length, 20);
    const first = items[0]!;
    const field = (item: Element, tag: string) => item.getElementsByTagName(tag)[0]?.textContent ?? '';
    assert.equal(field(first, 'title'), '关于“A & B”<通知>');
    assert.match(field(first, 'link'), new RegExp(`^${SITE_URL}/tzgg/202602/t20260201_\\d+\\.html$`));
    assert.equal(field(first, 'guid'), field(first, 'link'));
    assert.equal(field(first, 'pubDate'), 'Sun, 01 Feb 2026 10:30:00 +0800');
    assert.match(field(first, 'content:encoded'), new RegExp(`<img src="${SITE_URL}/uploads/2026/02/0123456789abcdef0123456789abcdef.png" alt="图" />`));
    assert.match(field(first, 'content:encoded'), new RegExp(`<a href="${SITE_URL}/gzdt/">`));
    const titles = items.map((item) => field(item, 'title'));
    for (const article of hidden) assert.ok(!titles.includes(article.title), article.title);
    assert.match(site.body, /<title>关于“A &amp; B”&lt;通知&gt;<\/title>/, 'text is escaped, not wrapped in raw markup');

    const column = await getXml(app, '/gzdt/rss.xml');
    assert.equal(column.doc.getElementsByTagName('title')[0]!.textContent, '工作动态 - 枣庄市科学技术协会');
    assert.deepEqual(new Set(all(column.doc, 'category')), new Set(['工作动态']));
    assert.equal((await app.get('/nosuch/rss.xml')).status, 404);
    const page = await app.page('/gzdt/');
    assert.deepEqual(
      [...page.document.querySelectorAll('link[rel="alternate"]')].map((l) => [l.getAttribute('type'), l.getAttribute('href')]),
      [['application/rss+xml', `${SITE_URL}/rss.xml`], ['application/rss+xml', `${SITE_URL}/gzdt/rss.xml`]],
    );
  });
});

describe('page metadata', () => {
  const ld = (document: Document) =>
    [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!) as Record<string, unknown>);
  const metaName = (document: Document, name: string) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
  const property = (document: Document, name: string) => document.querySelector(`meta[property="${name}"]`)?.getAttribute('content');

  test('every page type: lang, unique title and description, canonical, Open Graph, government-site tags', async (t) => {
    const app = await startApp(t, { sample: true });
    setSettings(app.db, { siteCode: '3704000001' });
    const pages = ['/', '/xwzx/', '/gzdt/', '/gzdt/index_1.html', '/gzdt/202601/t20260109_1.html', '/lxwm.html', '/wzsm.html', '/wzdt.html'];
    const titles = new Set<string>();
    const descriptions = new Set<string>();
    for (const pathname of pages) {
      const { res, document } = await app.page(pathname);
      assert.equal(res.status, 200, pathname);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=60, no-transform');
      assert.equal(document.documentElement.getAttribute('lang'), 'zh-CN');
      titles.add(text(document, 'title')!);
      descriptions.add(metaName(document, 'description')!);
      assert.equal(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), `${SITE_URL}${pathname}`);
      assert.equal(property(document, 'og:url'), `${SITE_URL}${pathname}`);
      assert.match(property(document, 'og:image')!, new RegExp(`^${SITE_URL}/assets/img/share\\.[0-9a-f]{10}\\.png$`));
      assert.equal(property(document, 'og:site_name'), '枣庄市科学技术协会');
      assert.equal(metaName(document, 'applicable-device'), 'pc,mobile');
      assert.equal(metaName(document, 'viewport'), 'width=device-width, initial-scale=1');
      assert.equal(metaName(document, 'SiteName'), '枣庄市科学技术协会');
      assert.equal(metaName(document, 'SiteDomain'), 'kx.example.gov.cn');
      assert.equal(metaName(document, 'SiteIDCode'), '3704000001');
      for (const data of ld(document)) assert.ok(data['@context'], pathname);
    }
    assert.equal(titles.size, pages.length, 'titles are unique');
    assert.equal(descriptions.size, pages.length, 'descriptions are unique');
  });

  test('home: Organization and WebSite; columns: ColumnName, ColumnType and a BreadcrumbList', async (t) => {
    const app = await startApp(t, { sample: true });
    const home = await app.page('/');
    const types = ld(home.document).map((d) => d['@type']);
    assert.deepEqual(types, ['WebSite', 'Organization']);
    const org = ld(home.document)[1]!;
    assert.equal(org.name, '枣庄市科学技术协会');
    assert.equal(org.telephone, '0632-3321213');
    assert.equal(org.email, 'skxbgs@zz.shandong.cn');
    const column = await app.page('/gzdt/');
    assert.equal(metaName(column.document, 'ColumnName'), '工作动态');
    assert.equal(metaName(column.document, 'ColumnType'), '政务动态');
    assert.equal(metaName((await app.page('/tzgg/')).document, 'ColumnType'), '通知公告');
    assert.deepEqual(ld(column.document)[0], {
      '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: [
        { '@type': 'ListItem', position: 1, name: '首页', item: `${SITE_URL}/` },
        { '@type': 'ListItem', position: 2, name: '新闻中心', item: `${SITE_URL}/xwzx/` },
        { '@type': 'ListItem', position: 3, name: '工作动态', item: `${SITE_URL}/gzdt/` },
      ],
    });
  });

  test('articles: NewsArticle with +08:00 times, author, publisher and image; ArticleTitle, PubDate, ContentSource', async (t) => {
    const app = await startApp(t, { sample: true });
    const { document } = await app.page('/gzdt/202601/t20260109_1.html');
    const [article, breadcrumbs, baidu] = ld(document) as [Record<string, any>, Record<string, any>, Record<string, any>];
    assert.equal(article['@type'], 'NewsArticle');
    assert.equal(article.headline, '【经验交流】市中科协:三向发力擘画服务新篇 科技赋能区域发展实践');
    assert.equal(article.datePublished, '2026-01-09T00:00:00+08:00');
    assert.match(article.dateModified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    assert.deepEqual(article.author, { '@type': 'Organization', name: '市中科协' });
    assert.equal(article.publisher.name, '枣庄市科学技术协会');
    assert.match(article.image[0], /^https:\/\/kx\.example\.gov\.cn\/assets\/img\/share\./);
    assert.equal(article.mainEntityOfPage['@id'], `${SITE_URL}/gzdt/202601/t20260109_1.html`);
    assert.deepEqual(breadcrumbs.itemListElement.map((i: { name: string }) => i.name), ['首页', '新闻中心', '工作动态', article.headline]);
    assert.equal(baidu['@context'], 'https://ziyuan.baidu.com/contexts/cambrian.jsonld');
    assert.equal(baidu.pubDate, '2026-01-09T00:00:00');
    assert.equal(property(document, 'og:type'), 'article');
    assert.equal(property(document, 'article:published_time'), '2026-01-09T00:00:00+08:00');
    assert.equal(metaName(document, 'ArticleTitle'), article.headline);
    assert.equal(metaName(document, 'PubDate'), '2026-01-09 00:00');
    assert.equal(metaName(document, 'ContentSource'), '市中科协');
    assert.equal(metaName(document, 'ColumnName'), '工作动态');
  });

  test('error pages are not indexed and have no canonical URL', async (t) => {
    const app = await startApp(t, { sample: true });
    const { document } = await app.page('/nope');
    assert.equal(metaName(document, 'robots'), 'noindex');
    assert.equal(document.querySelector('link[rel="canonical"]'), null);
  });
});

describe('conditional requests and HEAD', () => {
  test('pages, feeds and sitemaps answer 304 to a matching ETag or date, and 200 again after a change', async (t) => {
    let now = NOW;
    const app = await startApp(t, { sample: true, clock: () => now });
    for (const pathname of ['/', '/gzdt/', '/gzdt/202601/t20260109_1.html', '/rss.xml', '/sitemap.xml', '/sitemap-pages.xml']) {
      const first = await app.raw(pathname);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);
      assert.ok(first.headers.etag && first.headers['last-modified'], pathname);
      const byTag = await app.raw(pathname, { 'if-none-match': etag });
      assert.equal(byTag.status, 304, pathname);
      assert.equal(byTag.body, '');
      assert.equal((await app.raw(pathname, { 'if-modified-since': lastModified })).status, 304, pathname);
      assert.equal((await app.raw(pathname, { 'if-none-match': '"other"' })).status, 200, pathname);
      assert.equal((await app.raw(pathname, { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' })).status, 200, pathname);
    }
    const before = await app.raw('/');
    seedArticle(app.db, { column: 'tzgg', title: '新发布的通知', publishedAt: new Date(NOW.getTime() + 60_000).toISOString() });
    now = new Date(NOW.getTime() + 120_000); // the scheduled article comes due: nothing in the database changed
    const after = await app.raw('/', { 'if-modified-since': String(before.headers['last-modified']), 'if-none-match': String(before.headers.etag) });
    assert.equal(after.status, 200);
    assert.match(after.body, /新发布的通知/);
    assert.notEqual(after.headers['last-modified'], before.headers['last-modified']);
  });

  test('HEAD answers like GET, without a body', async (t) => {
    const app = await startApp(t, { sample: true });
    for (const pathname of ['/', '/gzdt/202601/t20260109_1.html', '/rss.xml', '/nope']) {
      const get = await app.raw(pathname);
      const head = await app.raw(pathname, {}, 'HEAD');
      assert.equal(head.status, get.status, pathname);
      assert.equal(head.headers['content-type'], get.headers['content-type']);
      assert.equal(head.headers['content-length'], get.headers['content-length']);
      assert.equal(head.headers.etag, get.headers.etag);
      assert.equal(head.body, '');
    }
  });
});

describe('Baidu push', () => {
  async function baiduServer(t: TestContext, answers: number[]) {
    const received: { url: string; body: string; type: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ url: req.url!, body, type: req.headers['content-type'] ?? '' });
        const status = answers.shift() ?? 200;
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { remain: 2999, success: body.split('\n').length } : { error: 400, message: 'site error' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => server.close(resolve)));
    return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/urls`, received };
  }

  test('newly published and scheduled-then-due articles are pushed in the background, with retries', async (t) => {
    const { endpoint, received } = await baiduServer(t, [500]);
    let now = NOW;
    const app = await startApp(t, { sample: true, clock: () => now, env: { BAIDU_PUSH_ENDPOINT: endpoint } });
    const { loadConfig } = await import('../../src/config.js');
    const deps = { store: app.store, config: loadConfig({ DATA_DIR: app.dataDir, SITE_URL, BAIDU_PUSH_ENDPOINT: endpoint }), now: () => now };
    setSettings(app.db, { baiduPushSite: SITE_URL, baiduPushToken: 'abcDEF123456' });
    assert.deepEqual(await runBaiduPush(deps), { queued: 0, pushed: 0, failed: 0 }, 'the first run only marks the start');

    now = new Date(NOW.getTime() + 60_000);
    const fresh = seedArticle(app.db, { column: 'tzgg', title: '新文章', publishedAt: new Date(NOW.getTime() + 30_000).toISOString() });
    const later = seedArticle(app.db, { column: 'tzgg', title: '定时文章', publishedAt: new Date(NOW.getTime() + 3_600_000).toISOString() });
    seedArticle(app.db, { column: 'tzgg', title: '草稿', status: 'draft', publishedAt: new Date(NOW.getTime() + 30_000).toISOString() });
    const failed = await runBaiduPush(deps);
    assert.deepEqual({ ...failed, error: undefined }, { queued: 1, pushed: 0, failed: 1, error: undefined });
    assert.equal(failed.error, 'HTTP 500: site error');
    assert.equal(received[0]!.url, '/urls?site=https%3A%2F%2Fkx.example.gov.cn&token=abcDEF123456');
    assert.equal(received[0]!.type, 'text/plain');
    assert.equal(received[0]!.body, `${SITE_URL}${articlePath(fresh)}`);

    now = new Date(NOW.getTime() + 90_000);
    assert.deepEqual(await runBaiduPush(deps), { queued: 0, pushed: 0, failed: 0 }, 'not before its retry time');
    now = new Date(NOW.getTime() + 3_700_000);
    const retried = await runBaiduPush(deps);
    assert.deepEqual(retried, { queued: 1, pushed: 2, failed: 0 });
    assert.deepEqual(received[1]!.body.split('\n'), [`${SITE_URL}${articlePath(fresh)}`, `${SITE_URL}${articlePath(later)}`]);
    assert.equal(app.store.baiduPush.status(6).waiting, 0);
  });

  test('a network failure is recorded and tried later; without a token nothing is sent', async (t) => {
    let now = NOW;
    const app = await startApp(t, { sample: true, clock: () => now });
    const { loadConfig } = await import('../../src/config.js');
    const deps = { store: app.store, config: loadConfig({ DATA_DIR: app.dataDir, SITE_URL, BAIDU_PUSH_ENDPOINT: 'http://127.0.0.1:9/urls' }), now: () => now };
    await runBaiduPush(deps);
    seedArticle(app.db, { column: 'tzgg', title: '未配置时发布', publishedAt: new Date(NOW.getTime() + 1000).toISOString() });
    now = new Date(NOW.getTime() + 60_000);
    assert.deepEqual(await runBaiduPush(deps), { queued: 0, pushed: 0, failed: 0 });
    setSettings(app.db, { baiduPushSite: SITE_URL, baiduPushToken: 'abcDEF123456' });
    seedArticle(app.db, { column: 'tzgg', title: '配置后发布', publishedAt: new Date(NOW.getTime() + 61_000).toISOString() });
    now = new Date(NOW.getTime() + 120_000);
    const run = await runBaiduPush(deps);
    assert.equal(run.failed, 1);
    assert.match(run.error!, /fetch failed/);
    assert.equal(app.store.baiduPush.status(6).waiting, 1);
  });
});
