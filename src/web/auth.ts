// Guards for the admin: who is logged in, which role may enter an area, and CSRF on every state change.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { mayEnter, type Area } from '../lib/review-rules.js';
import { adminCookie, readCookie } from './cookies.js';
import type { Deps } from './deps.js';
import { HttpError } from './errors.js';
import { adminContext, SESSION_COOKIE } from './session.js';

export const PENDING_COOKIE = 'kx_pending';
const PENDING_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const PENDING_MAX_BYTES = 512 * 1024;

/** The forms worth keeping across an expired session (long texts being written), and the page that edits each. */
const KEPT_FORMS: [RegExp, (id: string | undefined) => string][] = [
  [/^\/admin\/articles(?:\/(\d+))?$/, (id) => (id ? `/admin/articles/${id}/edit` : '/admin/articles/new')],
  [/^\/admin\/pages(?:\/(\d+))?$/, (id) => (id ? `/admin/pages/${id}/edit` : '/admin/pages/new')],
];

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
 * Strangers are sent to the login page and back. An article or page posted by someone whose session has just
 * expired (the browser still holds its cookie, and the post came from our own pages) is kept, without any password
 * field, for that browser and that user, and offered again in the editor after they log in.
 */
export function requireLogin({ store, now }: Deps) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (adminContext(res).user) return next();
    if (req.method === 'GET' || req.method === 'HEAD') {
      return res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    const path = req.baseUrl + req.path;
    const form = KEPT_FORMS.map(([pattern, editor]) => [pattern.exec(path), editor] as const).find(([match]) => match);
    const sessionToken = readCookie(req, SESSION_COOKIE);
    const owner = sessionToken ? store.sessions.getOwnerOfToken(sessionToken) : undefined;
    const fields = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([key]) => key !== '_csrf' && !/password/i.test(key)),
    );
    const body = JSON.stringify(fields);
    if (form && owner && ownReferer(req) && Object.keys(fields).length > 0 && body.length <= PENDING_MAX_BYTES) {
      const token = randomBytes(32).toString('base64url');
      store.pendingPosts.save(token, owner, path, body, now());
      res.cookie(PENDING_COOKIE, token, adminCookie(req, { maxAge: PENDING_MAX_AGE_MS }));
      const [match, editor] = form;
      return res.redirect(303, `/admin/login?next=${encodeURIComponent(editor(match![1]))}&kept=1`);
    }
    res.redirect(303, '/admin/login');
  };
}

export const KEPT_NOTICE = '您在登录超时前填写的内容已恢复，请检查后保存（已选择的文件需要重新选择）。';

/** The form this browser and user posted to `postPath` before logging in again, if any; taken once. */
export function takePendingPost({ store, now }: Deps, req: Request, res: Response, postPath: string) {
  const token = readCookie(req, PENDING_COOKIE);
  const user = adminContext(res).user;
  if (!token || !user) return undefined;
  const body = store.pendingPosts.take(token, user.id, postPath, new Date(now().getTime() - PENDING_MAX_AGE_MS));
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
