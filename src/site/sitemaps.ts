// Sitemaps for search engines: an index, the pages (home, columns, single pages), the articles in files of at most
// SITEMAP_URLS_PER_FILE URLs, and a news sitemap of the last two days' articles. Only what readers can see is listed.
import type { Request, Response } from 'express';
import { flattenTree } from '../lib/columns.js';
import { isoBeijing } from '../lib/dates.js';
import { columnPath, newsSitemapSince, pagePath, SITEMAP_URLS_PER_FILE, sitemapFiles } from '../lib/urls.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';

const NEWS_MAX = 1000;

const sendXml = (res: Response, template: string, data: object) => {
  res.type('application/xml; charset=utf-8').set('Cache-Control', 'public, max-age=300, no-transform');
  res.render(template, data);
};

const later = (a: string, b: string) => (a > b ? a : b);

const listNews = (store: Deps['store'], at: Date) => store.articles.listForSitemap(at, NEWS_MAX, 0, newsSitemapSince(at));

export function sendSitemapIndex({ store, now }: Deps, _req: Request, res: Response) {
  const at = now();
  const lastChange = store.siteChanges.state(at).lastChangeAt ?? at.toISOString();
  const files = sitemapFiles(store.articles.countAllPublished(at), listNews(store, at).length);
  sendXml(res, 'feeds/sitemap-index.xml.njk', { files: files.map((path) => ({ path, lastmod: isoBeijing(lastChange) })) });
}

export function sendPagesSitemap({ store, now }: Deps, _req: Request, res: Response) {
  const at = now();
  const latest = store.articles.latestPublishedByColumn(at);
  const lastChange = store.siteChanges.state(at).lastChangeAt ?? at.toISOString();
  const urls = [
    { path: '/', lastmod: lastChange },
    ...flattenTree(siteContext(res).columns.roots)
      .filter(({ node }) => node.isPublic)
      .map(({ node }) => ({
        path: columnPath(node.slug),
        // A parent column's list changes with its children's.
        lastmod: flattenTree([node]).map(({ node: n }) => latest.get(n.id) ?? '').reduce(later, ''),
      })),
    ...store.pages.listAll().map((page) => ({ path: pagePath(page.slug), lastmod: page.updatedAt })),
    { path: '/zxly/', lastmod: lastChange },
    { path: '/wzdt.html', lastmod: lastChange },
  ];
  sendXml(res, 'feeds/sitemap.xml.njk', { urls: urls.map((u) => ({ path: u.path, lastmod: isoBeijing(u.lastmod || lastChange) })) });
}

export function sendArticlesSitemap({ store, now }: Deps, req: Request, res: Response) {
  const at = now();
  const part = /^[1-9]\d{0,5}$/.test(String(req.params.n)) ? Number(req.params.n) : 0;
  if (part < 1 || part > Math.ceil(store.articles.countAllPublished(at) / SITEMAP_URLS_PER_FILE)) throw notFound();
  const articles = store.articles.listForSitemap(at, SITEMAP_URLS_PER_FILE, (part - 1) * SITEMAP_URLS_PER_FILE);
  sendXml(res, 'feeds/sitemap.xml.njk', {
    urls: articles.map((a) => ({ article: a, lastmod: isoBeijing(later(a.updatedAt, a.publishedAt)) })),
  });
}

/** Articles of the last two days, at most 1,000; 404 while there are none (the index then leaves it out). */
export function sendNewsSitemap({ store, now }: Deps, _req: Request, res: Response) {
  const articles = listNews(store, now());
  if (articles.length === 0) throw notFound('最近两天没有发布新闻。');
  sendXml(res, 'feeds/sitemap-news.xml.njk', { articles });
}
