// Guards for the admin: who is logged in, which role may enter an area, and CSRF on every state change.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { mayEnter, type Area } from '../lib/review-rules.js';
import { adminCookie, readCookie } from './cookies.js';
import type { Deps } from './deps.js';
import { HttpError } from './errors.js';
import { adminContext } from './session.js';

export const PENDING_COOKIE = 'kx_pending';
const PENDING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export const forbidden = (message = '您没有权限访问此页面。') => new HttpError(403, message);

/** Only /admin paths on this site: anything else (another host, //evil, /\evil) falls back to the dashboard. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(?:[/?#]|$)/.test(next) && !/[\\\s]|\/\//.test(next) ? next : '/admin/';
}

/** The page a POST came from (its Referer), if the request provably came from our own site; undefined otherwise. */
function ownReferer(req: Request): URL | undefined {
  try {
    const origin = req.get('origin');
    const referer = req.get('referer');
    if (!referer || (origin && new URL(origin).host !== req.get('host'))) return undefined;
    const url = new URL(referer);
    return url.host === req.get('host') ? url : undefined;
  } catch {
    return undefined; // an unparseable Origin or Referer is not ours
  }
}

/**
 * Strangers are sent to the login page and back. A form posted after the session expired is kept for this
 * browser (text fields only, and only if it came from our own pages) and offered again after login.
 */
export function requireLogin({ store, now }: Deps) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (adminContext(res).user) return next();
    if (req.method === 'GET' || req.method === 'HEAD') {
      return res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    const from = ownReferer(req);
    let back = '/admin/';
    if (from && req.body && typeof req.body === 'object' && Object.keys(req.body).length > 0) {
      const token = randomBytes(32).toString('base64url');
      const { _csrf: _token, ...fields } = req.body as Record<string, unknown>;
      store.pendingPosts.save(token, req.baseUrl + req.path, fields, now());
      res.cookie(PENDING_COOKIE, token, adminCookie(req, { maxAge: PENDING_MAX_AGE_MS }));
      back = safeNext(from.pathname + from.search);
    }
    res.redirect(303, `/admin/login?next=${encodeURIComponent(back)}&kept=${from ? 1 : 0}`);
  };
}

/** The form this browser posted to `postPath` before logging in again, if any; taken once. */
export function takePendingPost({ store, now }: Deps, req: Request, res: Response, postPath: string) {
  const token = readCookie(req, PENDING_COOKIE);
  if (!token) return undefined;
  const body = store.pendingPosts.take(token, postPath, new Date(now().getTime() - PENDING_MAX_AGE_MS));
  if (body) res.clearCookie(PENDING_COOKIE, adminCookie(req));
  return body;
}

export const requireArea = (area: Area) => (_req: Request, res: Response, next: NextFunction) => {
  const user = adminContext(res).user;
  if (!user || !mayEnter(user.role, area)) throw forbidden();
  next();
};

/** Every POST must carry the session's CSRF token in the `_csrf` field (multipart bodies are parsed before this). */
export function verifyCsrf(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const expected = adminContext(res).csrfToken;
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  const ok = expected !== '' && typeof given === 'string' && given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) throw new HttpError(403, '页面已过期或请求来源无法验证，请返回上一页刷新后重试（浏览器需允许 Cookie）。');
  next();
}

/** Records an admin action in the audit log, with who and from where. */
export function audit({ store, now }: Deps, req: Request, res: Response, action: string, target = '', detail = '') {
  const user = adminContext(res).user;
  store.audit.record({ userId: user?.id ?? null, username: user?.username ?? '', action, target, detail, ip: req.ip ?? '' }, now());
}
