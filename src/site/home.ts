import type { Request, Response } from 'express';
import { columnsWithArticles } from '../lib/columns.js';
import { homeMeta } from '../lib/page-meta.js';
import type { Deps } from '../web/deps.js';
import { siteContext } from '../web/locals.js';
import { cachePublicPage } from './cache.js';

const PER_COLUMN = 8;

export function showHome({ store, now }: Deps, _req: Request, res: Response) {
  const { columns, siteInfo } = siteContext(res);
  const at = now();
  const publicIds = [...columns.bySlug.values()].filter((c) => c.isPublic).map((c) => c.id);
  const latest = store.articles.listPublished(publicIds, at, 1)[0];
  const sections = columnsWithArticles(columns.roots).map((column) => ({
    column,
    articles: store.articles.listPublished([column.id], at, PER_COLUMN),
  }));
  cachePublicPage(res);
  res.render('site/home.njk', {
    headline: latest && store.articles.getPublished(latest.id, at),
    sections,
    activeSection: 'home',
    meta: homeMeta(siteInfo),
  });
}
