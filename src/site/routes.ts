// The public site's route table, readable top to bottom.
import { Router, type Request, type Response } from 'express';
import type { Deps } from '../web/deps.js';
import { showArticle } from './article.js';
import { canonicalUrls } from './canonical.js';
import { redirectToColumn, showColumn } from './column.js';
import { showHome } from './home.js';
import { showPage } from './page.js';
import { setPrefs } from './prefs.js';
import { sendRobots } from './robots.js';
import { showSearch } from './search.js';
import { showSiteMap } from './site-map.js';
import { sendArticlesSitemap, sendNewsSitemap, sendPagesSitemap, sendSitemapIndex } from './sitemaps.js';
import { sendFeed } from './feeds.js';

type Handler = (deps: Deps, req: Request, res: Response) => void;

export function siteRoutes(deps: Deps): Router {
  const r = Router({ strict: true });
  const h = (fn: Handler) => (req: Request, res: Response) => fn(deps, req, res);
  r.use(canonicalUrls);
  r.get('/', h(showHome));
  r.get('/robots.txt', h(sendRobots));
  r.get('/sitemap.xml', h(sendSitemapIndex));
  r.get('/sitemap-pages.xml', h(sendPagesSitemap));
  r.get('/sitemap-articles-:n.xml', h(sendArticlesSitemap));
  r.get('/sitemap-news.xml', h(sendNewsSitemap));
  r.get('/rss.xml', h(sendFeed));
  r.get('/search', h(showSearch));
  r.get('/prefs', h(setPrefs));
  r.get('/wzdt.html', h(showSiteMap)); // 网站地图
  r.get('/:slug.html', h(showPage)); // 联系我们, 网站声明, …
  r.get('/:column/', h(showColumn));
  r.get('/:column', h(redirectToColumn));
  r.get('/:column/index.html', h(redirectToColumn)); // list URLs of the CMS the site moves from
  r.get('/:column/index_:n.html', h(showColumn)); // page n + 1
  r.get('/:column/rss.xml', h(sendFeed));
  r.get('/:column/:month/:file', h(showArticle)); // /gzdt/202601/t20260109_42.html
  return r;
}
