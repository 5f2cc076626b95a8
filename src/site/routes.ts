// The public site's route table, readable top to bottom.
import { Router, type Request, type Response } from 'express';
import type { Deps } from '../web/deps.js';
import { showArticle } from './article.js';
import { redirectToColumn, showColumn } from './column.js';
import { showHome } from './home.js';
import { showPage } from './page.js';
import { showSiteMap } from './site-map.js';

type Handler = (deps: Deps, req: Request, res: Response) => void;

export function siteRoutes(deps: Deps): Router {
  const r = Router({ strict: true });
  const h = (fn: Handler) => (req: Request, res: Response) => fn(deps, req, res);
  r.get('/', h(showHome));
  r.get('/wzdt.html', h(showSiteMap)); // 网站地图
  r.get('/:slug.html', h(showPage)); // 联系我们, 网站声明, …
  r.get('/:column/', h(showColumn));
  r.get('/:column', h(redirectToColumn));
  r.get('/:column/index.html', h(redirectToColumn)); // list URLs of the CMS the site moves from
  r.get('/:column/index_:n.html', h(redirectToColumn));
  r.get('/:column/:month/:file', h(showArticle)); // /gzdt/202601/t20260109_42.html
  return r;
}
