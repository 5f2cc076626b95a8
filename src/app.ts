import path from 'node:path';
import http, { type RequestListener, type Server } from 'node:http';
import express from 'express';
import { projectRoot } from './config.js';
import { adminRoutes } from './admin/routes.js';
import { sendHealth } from './site/health.js';
import { siteRoutes } from './site/routes.js';
import { sendUpload } from './site/uploads.js';
import { loadAssets } from './web/assets.js';
import type { Deps } from './web/deps.js';
import { errorHandler, routeNotFound } from './web/error-handler.js';
import { siteLocals } from './web/locals.js';
import { logRequests } from './web/log.js';
import { pageCache, type PageCache } from './web/page-cache.js';
import { securityHeaders } from './web/security.js';
import { setUpViews } from './web/views.js';

const viewsDir = path.join(projectRoot, 'views');
const publicDir = path.join(projectRoot, 'public');

export type Site = {
  app: express.Express;
  /** The request listener to serve with: finished public pages from memory, everything else through `app`. */
  listener: RequestListener;
  pageCache: PageCache;
  /** The fingerprinted URL of every file under public/. */
  assetUrls: () => string[];
};

/** The whole site; it never listens itself, so tests and main.ts serve it the same way (see `serve`). */
export function createApp(deps: Deps): Site {
  const app = express();
  const cache = pageCache({
    maxBytes: deps.config.pageCacheBytes,
    contentKey: () => deps.store.siteChanges.state(deps.now()).key,
    views: deps.views,
  });
  const assets = loadAssets(publicDir);
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  setUpViews(app, viewsDir, assets, deps.config.env !== 'production', deps.config.siteUrl);

  app.use(securityHeaders({ https: deps.config.siteUrl.startsWith('https:') }));
  app.use('/assets', assets.serve);
  app.get('/favicon.ico', assets.serveRoot('favicon.ico'));
  app.get('/healthz', sendHealth(deps));
  app.get('/uploads/:year/:month/:file', sendUpload(deps));
  app.use(siteLocals(deps, assets.url('img/share.png')));
  app.use('/admin', adminRoutes(deps));
  app.use(cache.keep);
  app.use(siteRoutes(deps));
  app.use(routeNotFound);
  app.use(errorHandler(viewsDir, deps));
  // The proxy's headers (X-Request-Id, X-Forwarded-For) count only from an address Express itself trusts.
  const trustProxyFn = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const fromProxy = (address: string | undefined) => address !== undefined && trustProxyFn(address, 0);
  const listener = logRequests(deps.log, fromProxy, cache.listener(app));
  return { app, listener, pageCache: cache, assetUrls: () => assets.files().map(assets.url) };
}

/** An HTTP server for the site, listening on `port` (0: any free one). */
export function serve(site: Site, port: number, host?: string): Server {
  const server = http.createServer(site.listener);
  server.listen(port, host);
  return server;
}
