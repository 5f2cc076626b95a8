// The public site's route table, readable top to bottom.
import express, { Router, type Request, type Response } from 'express';
import type { Deps } from '../web/deps.js';
import { showArticle } from './article.js';
import { canonicalUrls } from './canonical.js';
import { redirectToColumn, showColumn } from './column.js';
import { lookUpEnquiry, showEnquiries, showEnquiry, showEnquiryForm, showLookup, showReceipt, submitEnquiry } from './enquiries.js';
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
  // 咨询留言: its path is reserved, so no column or page can take it.
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 20 });
  r.get('/zxly', (_req, res) => res.redirect(301, '/zxly/'));
  r.get('/zxly/', h(showEnquiries));
  r.get('/zxly/index_:n.html', h(showEnquiries));
  r.get('/zxly/write.html', h(showEnquiryForm));
  r.post('/zxly/write.html', form, h(submitEnquiry));
  r.get('/zxly/receipt.html', h(showReceipt));
  r.get('/zxly/query.html', h(showLookup));
  r.post('/zxly/query.html', form, h(lookUpEnquiry));
  r.get('/zxly/:id.html', h(showEnquiry));
  r.get('/:slug.html', h(showPage)); // 联系我们, 网站声明, …
  r.get('/:column/', h(showColumn));
  r.get('/:column', h(redirectToColumn));
  r.get('/:column/index.html', h(redirectToColumn)); // list URLs of the CMS the site moves from
  r.get('/:column/index_:n.html', h(showColumn)); // page n + 1
  r.get('/:column/rss.xml', h(sendFeed));
  r.get('/:column/:month/:file', h(showArticle)); // /gzdt/202601/t20260109_42.html
  return r;
}
