// The last middleware: every error becomes a page in the site's layout with the right status, and no stack trace.
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { defaultSettings } from '../lib/site-settings.js';
import { HttpError, notFound } from './errors.js';

export const routeNotFound: RequestHandler = () => {
  throw notFound();
};

const MESSAGES: Record<number, string> = {
  400: '请求无效，请检查网址或输入的内容。',
  404: '您访问的页面不存在或已被删除。',
  413: '提交的内容太大。',
  500: '服务器暂时出现问题，请稍后再试。',
};

export function errorHandler(viewsDir: string): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = statusOf(err);
    if (status >= 500) console.error(`${req.method} ${req.originalUrl} failed:`, err);
    if (res.headersSent) return void res.end();
    const message = err instanceof HttpError ? err.message : (MESSAGES[status] ?? MESSAGES[status < 500 ? 400 : 500]!);
    const template = fs.existsSync(path.join(viewsDir, 'errors', `${status}.njk`)) ? `errors/${status}.njk` : 'errors/error.njk';
    res.status(status).set('Cache-Control', 'no-store');
    // Data from web/locals.ts may be missing when the failure happened before or inside it (a broken database).
    const context = { status, message, site: res.locals.site ?? defaultSettings, nav: res.locals.nav ?? [], footerPages: res.locals.footerPages ?? [] };
    res.render(template, context, (renderError, html) => {
      if (renderError) {
        console.error(`Rendering the ${status} page failed:`, renderError);
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
