// The last middleware: every error becomes a page in the site's layout with the right status, and no stack trace.
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { errorMeta } from '../lib/page-meta.js';
import { defaultSettings, readSettings, type SiteSettings } from '../lib/site-settings.js';
import type { Store } from '../store/store.js';
import type { Deps } from './deps.js';
import { HttpError, notFound } from './errors.js';

export const routeNotFound: RequestHandler = () => {
  throw notFound();
};

const HEADINGS: Record<number, string> = { 403: '没有权限', 404: '页面不存在', 413: '内容太大', 429: '请求过于频繁' };

const MESSAGES: Record<number, string> = {
  400: '请求无效，请检查网址或输入的内容。',
  404: '您访问的页面不存在或已被删除。',
  403: '您没有权限访问此页面。',
  413: '提交的内容太大。',
  500: '服务器暂时出现问题，请稍后再试。',
};

/** Settings for an error page raised before web/locals.ts ran (an asset, an upload): never the placeholders. */
function settingsFor(res: Response, store: Store): SiteSettings {
  if (res.locals.site) return res.locals.site as SiteSettings;
  try {
    return readSettings(store.settings.getAll()).settings;
  } catch {
    return defaultSettings; // the database itself is what failed: a page with placeholders beats no page
  }
}

export function errorHandler(viewsDir: string, { store, config, log }: Deps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = statusOf(err);
    // The stack goes to the log only; the page names the request, so a reader's report can be found there.
    if (status >= 500) log.error({ reqId: req.id, err, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return void res.end();
    const message = err instanceof HttpError ? err.message : (MESSAGES[status] ?? MESSAGES[status < 500 ? 400 : 500]!);
    const template = fs.existsSync(path.join(viewsDir, 'errors', `${status}.njk`)) ? `errors/${status}.njk` : 'errors/error.njk';
    res.status(status).set('Cache-Control', 'no-store');
    if (/\.(?:xml|txt)$/.test(req.path)) return void res.type('text/plain; charset=utf-8').send(`${status} ${message}`);
    // Data from web/locals.ts may be missing when the failure happened before or inside it (a broken database).
    const heading = HEADINGS[status] ?? (status >= 500 ? '服务暂时不可用' : '请求无效');
    const site = settingsFor(res, store);
    res.removeHeader('Last-Modified');
    const context = {
      status, message, heading, site, requestId: req.id, nav: res.locals.nav ?? [], footerPages: res.locals.footerPages ?? [],
      display: res.locals.display ?? { elder: false, size: 'm' }, currentPath: req.originalUrl,
      meta: errorMeta({ settings: site, siteUrl: config.siteUrl, logo: '' }, heading),
      // Errors inside the admin keep the admin's frame (its menu needs a logged-in user).
      layout: req.originalUrl.startsWith('/admin') && res.locals.user ? 'layouts/admin.njk' : 'layouts/base.njk',
    };
    res.render(template, context, (renderError, html) => {
      if (renderError) {
        log.error({ reqId: req.id, err: renderError }, `rendering the ${status} page failed`);
        return void res.type('text/plain; charset=utf-8').send(`${status} ${message}`);
      }
      res.type('html').send(html);
    });
  };
}

/** Our HttpErrors, and client errors raised by Express and body parsers (400 bad URL encoding, 413), keep their status. */
function statusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}
