import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { UNUSABLE_HASH, verifyPassword } from '../lib/passwords.js';
import { audit, safeNext } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { adminContext, endSession, startSession } from '../web/session.js';
import { loginForm } from './forms.js';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_IP = 20;

export function showLogin(deps: Deps, req: Request, res: Response) {
  const next = safeNext(req.query.next);
  if (adminContext(res).user) return res.redirect(303, next);
  // The login form needs a CSRF token, so a visitor gets an anonymous session here; logging in replaces it.
  if (!adminContext(res).session) startSession(deps, req, res, null);
  res.render('admin/login.njk', { values: { username: '', next }, errors: {}, kept: req.query.kept === '1' });
}

export async function logIn(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const parsed = loginForm.safeParse(req.body);
  const values = { username: typeof req.body?.username === 'string' ? req.body.username : '', next: safeNext(req.body?.next) };
  if (!parsed.success) return res.status(422).render('admin/login.njk', { values, errors: fieldErrors(parsed.error) });
  const { username, password } = parsed.data;
  const ip = req.ip ?? '';
  const failures = store.loginFailures.countSince(username, ip, new Date(now().getTime() - WINDOW_MS));
  if (failures.user >= MAX_FAILURES_PER_ACCOUNT || failures.ip >= MAX_FAILURES_PER_IP) {
    audit(deps, req, res, 'login.throttled', `user:${username}`);
    return res.status(429).render('admin/login.njk', {
      values, errors: { _form: '登录失败次数过多，为保护账号安全，请 15 分钟后再试。' },
    });
  }
  // Counted as a failure before the (slow) check and forgiven after a success, so parallel guesses count at once.
  const attempt = store.loginFailures.record(username, ip, now());
  const account = store.users.getLoginHash(username);
  // Unknown and disabled names are checked against a dummy hash, so timing does not tell which names exist.
  const valid = await verifyPassword(password, account?.hash ?? UNUSABLE_HASH);
  if (!account || !valid) {
    store.audit.record({ userId: account?.id ?? null, username, action: 'login.failed', target: '', detail: '', ip }, now());
    return res.status(401).render('admin/login.njk', { values, errors: { _form: '用户名或密码不正确。' } });
  }
  store.loginFailures.forgive(attempt);
  store.loginFailures.clearForUser(username);
  startSession(deps, req, res, account.id);
  Object.assign(res.locals, { user: store.users.getById(account.id) });
  audit(deps, req, res, 'login');
  res.redirect(303, values.next);
}

export function logOut(deps: Deps, req: Request, res: Response) {
  audit(deps, req, res, 'logout');
  endSession(deps, req, res);
  res.redirect(303, '/admin/login');
}
