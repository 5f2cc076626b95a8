import type { Request, Response } from 'express';
import { siteMapMeta } from '../lib/page-meta.js';
import type { Deps } from '../web/deps.js';
import { siteContext } from '../web/locals.js';
import { cachePublicPage } from './cache.js';

/** 网站地图: every public column and page, for readers (crawlers get /sitemap.xml). */
export function showSiteMap(_deps: Deps, _req: Request, res: Response) {
  cachePublicPage(res);
  res.render('site/site-map.njk', { activeSection: '', meta: siteMapMeta(siteContext(res).siteInfo) });
}
