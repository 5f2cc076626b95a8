// RSS 2.0 feeds: the whole site at /rss.xml and each column at /<column>/rss.xml, newest first, full text.
import type { Request, Response } from 'express';
import { publicSubtreeIds } from '../lib/columns.js';
import { rfc822Beijing } from '../lib/dates.js';
import { absoluteLinks, columnFeedPath } from '../lib/urls.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';

const ITEMS = 20;

export function sendFeed({ store, now, config }: Deps, req: Request, res: Response) {
  const at = now();
  const { columns, site } = siteContext(res);
  const column = req.params.column === undefined ? undefined : columns.bySlug.get(String(req.params.column));
  if (req.params.column !== undefined && !column?.isPublic) throw notFound();
  const ids = column ? publicSubtreeIds(column) : [...columns.bySlug.values()].filter((c) => c.isPublic).map((c) => c.id);
  const items = store.articles.listForFeed(ids, at, ITEMS).map((item) => ({
    ...item, bodyHtml: absoluteLinks(item.bodyHtml, config.siteUrl), pubDate: rfc822Beijing(item.publishedAt),
  }));
  res.type('application/rss+xml; charset=utf-8').set('Cache-Control', 'public, max-age=300, no-transform');
  res.render('feeds/rss.xml.njk', {
    title: column ? `${column.name} - ${site.siteName}` : site.siteName,
    description: column?.description || site.siteDescription || site.siteName,
    link: column ? `/${column.slug}/` : '/',
    self: column ? columnFeedPath(column.slug) : '/rss.xml',
    lastBuildDate: rfc822Beijing(store.siteChanges.state(at).lastChangeAt ?? at.toISOString()),
    items,
  });
}
