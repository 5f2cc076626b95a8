import path from 'node:path';
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
import { securityHeaders } from './web/security.js';
import { setUpViews } from './web/views.js';

const viewsDir = path.join(projectRoot, 'views');
const publicDir = path.join(projectRoot, 'public');

/** The whole site as an Express app; it never listens, so tests and main.ts wire it the same way. */
export function createApp(deps: Deps): express.Express {
  const app = express();
  const assets = loadAssets(publicDir);
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  setUpViews(app, viewsDir, assets, deps.config.env !== 'production', deps.config.siteUrl);

  app.use(securityHeaders());
  app.use('/assets', assets.serve);
  app.get('/favicon.ico', assets.serveRoot('favicon.ico'));
  app.get('/healthz', sendHealth(deps));
  app.get('/uploads/:year/:month/:file', sendUpload(deps));
  app.use(siteLocals(deps, assets.url('img/share.png')));
  app.use('/admin', adminRoutes(deps));
  app.use(siteRoutes(deps));
  app.use(routeNotFound);
  app.use(errorHandler(viewsDir, deps));
  return app;
}
