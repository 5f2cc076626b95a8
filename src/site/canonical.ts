// One URL per page: other spellings of a public URL are sent to it with a 301, so search engines see no duplicates.
import type { NextFunction, Request, Response } from 'express';

const HOME_ALIASES = /^\/(?:index|default)\.(?:html?|php|asp|aspx|jsp)$/;
// Column lists take ?page=, search and display preferences their parameters; elsewhere a query string only makes duplicates (?utm_…).
const TAKES_QUERY = /^\/[a-z0-9]+\/?$|^\/(?:search|prefs)$/;

/** The one spelling of a path: lower-case letters (percent-escapes as they are), / for index.html and the like. */
export function canonicalPath(path: string): string {
  const target = path.split(/(%[0-9A-Fa-f]{0,2})/).map((part, i) => (i % 2 === 1 ? part : part.toLowerCase())).join('');
  if (HOME_ALIASES.test(target)) return '/';
  return /\.(?:html|xml)\/$/.test(target) ? target.slice(0, -1) : target;
}

export function canonicalUrls(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  const queryAt = req.originalUrl.indexOf('?');
  const path = req.path;
  const query = queryAt < 0 ? '' : req.originalUrl.slice(queryAt);
  const target = canonicalPath(path);
  const keepQuery = query && TAKES_QUERY.test(target) ? query : '';
  if (target === path && keepQuery === query) return next();
  res.redirect(301, target + keepQuery);
}
