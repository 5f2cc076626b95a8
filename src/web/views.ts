// The one Nunjucks environment: autoescaping on, small pure filters, URL helpers as globals.
import path from 'node:path';
import type { Express } from 'express';
import nunjucks from 'nunjucks';
import { formatDate, formatPublished, isoBeijing } from '../lib/dates.js';
import { articlePath, columnPagePath, columnPath, pagePath, policeFilingUrl } from '../lib/urls.js';
import type { Assets } from './assets.js';

export function setUpViews(app: Express, viewsDir: string, assets: Assets, strict: boolean): void {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewsDir), {
    autoescape: true,
    throwOnUndefined: strict,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('date', formatDate);
  env.addFilter('published', formatPublished);
  env.addFilter('isoDate', isoBeijing);
  env.addGlobal('asset', assets.url);
  env.addGlobal('articlePath', articlePath);
  env.addGlobal('columnPath', columnPath);
  env.addGlobal('columnPagePath', columnPagePath);
  env.addGlobal('pagePath', pagePath);
  env.addGlobal('policeFilingUrl', policeFilingUrl);
  env.express(app);
  app.set('views', path.resolve(viewsDir));
}
