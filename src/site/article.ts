import type { Request, Response } from 'express';
import { lineage } from '../lib/columns.js';
import { articleMeta } from '../lib/page-meta.js';
import { articleIdFromFile, articlePath } from '../lib/urls.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';
import { cachePublicPage } from './cache.js';

export function showArticle({ store, now }: Deps, req: Request, res: Response) {
  const id = articleIdFromFile(String(req.params.file));
  const at = now();
  const article = id === undefined ? undefined : store.articles.getPublished(id, at);
  if (!article) throw notFound('您访问的文章不存在或已被删除。');
  // The id decides; an old path (the article moved column, or its date changed) or a mistyped one is sent on.
  const canonical = articlePath(article);
  if (req.path !== canonical) return res.redirect(301, canonical);
  const { columns, siteInfo } = siteContext(res);
  const column = columns.bySlug.get(article.columnSlug)!;
  // A hidden column hides its articles too.
  if (!column.isPublic) throw notFound('您访问的文章不存在或已被删除。');
  const trail = lineage(column);
  cachePublicPage(res);
  res.render('site/article.njk', {
    article,
    column,
    trail,
    neighbours: store.articles.getNeighbours(article, at),
    attachments: store.uploads.listForArticle(article.id, 'attachment'),
    activeSection: trail[0]!.slug,
    meta: articleMeta(siteInfo, article, trail),
  });
}
