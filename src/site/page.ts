import type { Request, Response } from 'express';
import { summaryFromHtml } from '../lib/markdown.js';
import { singlePageMeta } from '../lib/page-meta.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';
import { cachePublicPage } from './cache.js';

/** Editable single pages: 联系我们 at /lxwm.html, 网站声明 at /wzsm.html. */
export function showPage({ store }: Deps, req: Request, res: Response) {
  const page = store.pages.getBySlug(String(req.params.slug));
  if (!page) throw notFound();
  cachePublicPage(res);
  res.render('site/page.njk', {
    page,
    activeSection: '',
    meta: singlePageMeta(siteContext(res).siteInfo, { ...page, summary: summaryFromHtml(page.bodyHtml) }),
  });
}
