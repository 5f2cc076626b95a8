// Server-side sessions for the admin: loaded on every /admin request, started at login (a new id every time),
// ended at logout, expired after SESSION_IDLE_MINUTES without a request and 12 hours after login in any case.
import type { NextFunction, Request, Response } from 'express';
import type { Session } from '../store/sessions.js';
import type { User } from '../store/users.js';
import { adminCookie, clearAdminCookie, readCookie } from './cookies.js';
import type { Deps } from './deps.js';

export const SESSION_COOKIE = 'kx_sid';
const MAX_AGE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export type AdminLocals = {
  session: Session | undefined;
  user: User | undefined;
  csrfToken: string;
  flash: string | null;
};

export const adminContext = (res: Response) => res.locals as unknown as AdminLocals;

const idleMs = (deps: Deps) => deps.config.sessionIdleMinutes * 60 * 1000;

export function loadSession(deps: Deps) {
  const { store, now } = deps;
  return (req: Request, res: Response, next: NextFunction) => {
    const at = now();
    const token = readCookie(req, SESSION_COOKIE);
    let session = token ? store.sessions.getByToken(token, at) : undefined;
    if (session && Date.parse(session.createdAt) + MAX_AGE_MS <= at.getTime()) {
      store.sessions.expire(session.id, at);
      session = undefined;
    }
    const user = session?.userId ? store.users.getById(session.userId) : undefined;
    if (session && at.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
      store.sessions.touch(session.id, at, new Date(at.getTime() + idleMs(deps)));
    }
    let flash: string | null = null;
    if (session?.flash && req.method === 'GET') {
      flash = session.flash;
      store.sessions.setFlash(session.id, null);
    }
    const locals: AdminLocals = {
      session,
      user: user && !user.isDisabled ? user : undefined,
      csrfToken: session?.csrfToken ?? '',
      flash,
    };
    Object.assign(res.locals, locals);
    next();
  };
}

/** Starts a fresh session (a new id: an id known before login is worthless after it) and sets its cookie. */
export function startSession(deps: Deps, req: Request, res: Response, userId: number | null): Session {
  const old = adminContext(res).session;
  if (old) deps.store.sessions.destroy(old.id);
  const at = deps.now();
  const { token, session } = deps.store.sessions.create(userId, at, new Date(at.getTime() + idleMs(deps)));
  res.cookie(SESSION_COOKIE, token, adminCookie(req));
  Object.assign(res.locals, { session, csrfToken: session.csrfToken });
  return session;
}

export function endSession(deps: Deps, req: Request, res: Response) {
  const session = adminContext(res).session;
  if (session) deps.store.sessions.destroy(session.id);
  clearAdminCookie(req, res, SESSION_COOKIE);
}

/** A one-time message shown on the next page (after a POST redirects). */
export function flash(deps: Deps, res: Response, message: string) {
  const session = adminContext(res).session;
  if (session) deps.store.sessions.setFlash(session.id, message);
}
