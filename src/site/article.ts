import type { Request, Response } from 'express';
import { lineage } from '../lib/columns.js';
import { isReaderView } from '../lib/crawlers.js';
import { qrSvg } from '../lib/qr-code.js';
import { articleMeta } from '../lib/page-meta.js';
import { articleIdFromFile, articlePath } from '../lib/urls.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';
import { cachePublicPage } from './cache.js';

export async function showArticle({ store, now, views, config }: Deps, req: Request, res: Response) {
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
  // Readers' views are counted (crawlers' and HEAD requests are not), in memory and written in batches. The page
  // shows the count as last written, so it stays the same (and cacheable, with a stable ETag) between batches.
  if (isReaderView(req)) views.record(article.id);
  res.locals.articleId = article.id; // a cached copy of this page still counts views
  const url = `${config.siteUrl}${canonical}`;
  cachePublicPage(res);
  res.render('site/article.njk', {
    article,
    column,
    trail,
    neighbours: store.articles.getNeighbours(article, at),
    attachments: store.uploads.listForArticle(article.id, 'attachment'),
    activeSection: trail[0]!.slug,
    meta: articleMeta(siteInfo, article, trail),
    viewCount: article.viewCount,
    shareUrl: url,
    qrSvg: await qrSvg(url),
  });
}
