import type { Request, Response } from 'express';
import { z } from 'zod';
import { lineage, publicArticleCount, publicSubtreeIds } from '../lib/columns.js';
import { paginate } from '../lib/pagination.js';
import { columnMeta } from '../lib/page-meta.js';
import { COLUMN_PAGE_SIZE, columnPagePath, columnPath } from '../lib/urls.js';
import type { Deps } from '../web/deps.js';
import { badRequest, notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';
import { cachePublicPage } from './cache.js';


// `page` is absent, empty (an empty jump box) or a page number (given twice, the first counts and the URL is
// redirected to its one form); anything else is a bad request.
const listQuery = z.object({
  page: z
    .union([z.string(), z.array(z.string()).nonempty().transform((values) => values[0])])
    .pipe(z.string().trim().regex(/^\d{0,9}$/))
    .transform((value) => (value === '' ? 1 : Number(value)))
    .optional(),
});

/**
 * 工作动态 at /gzdt/, its later pages at /gzdt/index_1.html (page 2) and on; a parent column (新闻中心) lists
 * everything under it. ?page=N (the jump box) and /gzdt/index.html redirect to the page's one address.
 */
export function showColumn({ store, now }: Deps, req: Request, res: Response) {
  const { columns, siteInfo } = siteContext(res);
  const column = columns.bySlug.get(String(req.params.column));
  if (!column?.isPublic) throw notFound('该栏目不存在或暂无内容。');
  let requested: number;
  if (req.params.n !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(String(req.params.n))) throw notFound();
    requested = Number(req.params.n) + 1;
  } else {
    const query = listQuery.safeParse(req.query);
    if (!query.success) throw badRequest('页码无效，请输入正确的页码。');
    requested = query.data.page ?? 1;
    // ?page=1, ?page= and unknown parameters redirect to the page's address; ?page=0 is simply out of range.
    const canonical = columnPagePath(column.slug, requested);
    if (requested >= 1 && req.originalUrl !== canonical) return res.redirect(301, canonical);
  }
  const at = now();
  const ids = publicSubtreeIds(column);
  const pagination = paginate(publicArticleCount(column), requested, COLUMN_PAGE_SIZE);
  if (!pagination) throw notFound(`没有第 ${requested} 页。`);
  const trail = lineage(column);
  cachePublicPage(res);
  res.render('site/column.njk', {
    column,
    trail,
    // The side menu lists the columns of the section this one belongs to.
    section: trail[0],
    articles: store.articles.listPublished(ids, at, pagination.limit, pagination.offset),
    pagination,
    activeSection: trail[0]!.slug,
    meta: columnMeta(siteInfo, trail, pagination.page),
  });
}

/** /gzdt and /gzdt/index.html -> /gzdt/ (keeping a ?page= asked for, which /gzdt/ then resolves). */
export function redirectToColumn(_deps: Deps, req: Request, res: Response) {
  const column = siteContext(res).columns.bySlug.get(String(req.params.column));
  if (!column?.isPublic) throw notFound();
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  res.redirect(301, columnPath(column.slug) + query);
}
