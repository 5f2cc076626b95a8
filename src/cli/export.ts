// npm run export -- DIR
// Writes the public site as files any static web server or CDN can serve at the same URLs: every page, list page,
// article, feed, sitemap, upload and asset, with .gz and .br beside each text file. Run again, it rewrites only
// what changed and removes what is no longer public (a withdrawn article, say). Search, 长者模式 and the 咨询留言
// form and lookup need the app.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { createApp, serve } from '../app.js';
import { viewCounter } from '../content/view-counter.js';
import { buildColumnTree, flattenTree, publicArticleCount } from '../lib/columns.js';
import { ENQUIRY_PAGE_SIZE, enquiryListPath } from '../lib/enquiries.js';
import { articlePath, COLUMN_PAGE_SIZE, columnFeedPath, columnPagePath, newsSitemapSince, pagePath, sitemapFiles } from '../lib/urls.js';
import { openSite } from '../open-site.js';
import { runCli } from './run.js';
import { createLogger } from '../web/log.js';

const MANIFEST = '.export-manifest.json';
const TEXT = /\.(?:html|xml|txt|css|js|svg|json)$/;

/** The file a URL is served from: /gzdt/ -> gzdt/index.html. */
const fileFor = (url: string) => (url.endsWith('/') ? `${url}index.html` : url).slice(1);

await runCli(async (config) => {
  const target = process.argv[2];
  if (!target || process.argv.length !== 3) {
    console.error('Usage: npm run export -- DIR');
    return 2;
  }
  const dir = path.resolve(target);
  const { db, store } = await openSite(config, console.log);
  const views = viewCounter(store);
  // Its log shows only what went wrong (a page that failed), not a line per page written.
  const site = createApp({ config: { ...config, env: 'production', pageCacheBytes: 0 }, store, now: () => new Date(), views, log: createLogger({ logLevel: 'warn' }) });
  const server = serve(site, 0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const now = new Date();
    const tree = buildColumnTree(store.columns.listAll(), store.articles.countPublishedByColumn(now));
    const columns = flattenTree(tree.roots).map(({ node }) => node).filter((node) => node.isPublic);
    const urls = [
      '/', '/wzdt.html', '/robots.txt', '/rss.xml', '/sitemap.xml', '/favicon.ico',
      ...sitemapFiles(store.articles.countAllPublished(now), store.articles.listForSitemap(now, 1, 0, newsSitemapSince(now)).length),
      ...store.pages.listLinks().map((page) => pagePath(page.slug)),
      ...columns.flatMap((column) => [
        columnFeedPath(column.slug),
        ...Array.from({ length: Math.max(1, Math.ceil(publicArticleCount(column) / COLUMN_PAGE_SIZE)) }, (_, i) => columnPagePath(column.slug, i + 1)),
      ]),
      ...store.articles.listForSitemap(now, 10_000_000).map(articlePath),
      // 咨询留言: the published answers (the form and the lookup need the app).
      ...Array.from({ length: Math.max(1, Math.ceil(store.enquiries.countPublished() / ENQUIRY_PAGE_SIZE)) }, (_, i) => enquiryListPath(i + 1)),
      ...store.enquiries.listPublished(10_000_000, 0).map((e) => `/zxly/${e.id}.html`),
      ...store.uploads.listPublicFileNames(now).map((name) => `/uploads/${name}`),
      ...site.assetUrls(),
    ];
    // The manifest of the last run: each file written, with the SHA-1 of what it holds.
    const manifestFile = path.join(dir, MANIFEST);
    const previous: Record<string, string> = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : {};
    const manifest: Record<string, string> = {};
    const counts = { written: 0, unchanged: 0, removed: 0 };
    /** Writes `file` unless it already holds exactly this; `make` is called only when it must be written. */
    const put = (file: string, hash: string, make: () => Buffer) => {
      manifest[file] = hash;
      if (previous[file] === hash && fs.existsSync(path.join(dir, file))) return void counts.unchanged++;
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), make());
      counts.written++;
    };
    for (const url of urls) {
      const res = await fetch(base + url, { headers: { 'user-agent': 'kexie-export' } });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      const hash = createHash('sha1').update(body).digest('hex');
      const file = fileFor(url);
      put(file, hash, () => body);
      if (TEXT.test(file)) {
        put(`${file}.gz`, hash, () => zlib.gzipSync(body, { level: 9 }));
        put(`${file}.br`, hash, () => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    }
    for (const file of Object.keys(previous)) {
      if (!(file in manifest) && fs.existsSync(path.join(dir, file))) {
        fs.rmSync(path.join(dir, file));
        counts.removed++;
      }
    }
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 0));
    console.log(`Exported ${urls.length} URLs to ${dir}: ${counts.written} files written, ${counts.unchanged} unchanged, ${counts.removed} removed.`);
    return 0;
  } finally {
    server.close();
    views.stop();
    db.close();
  }
});
