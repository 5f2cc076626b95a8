import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { hashPassword, passwordProblem, verifyPassword } from '../lib/passwords.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { adminContext, flash } from '../web/session.js';
import { accountPasswordForm } from './forms.js';

export const showAccount = (_deps: Deps, _req: Request, res: Response) => res.render('admin/account.njk', { errors: {} });

export async function changeOwnPassword(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const { user, session } = adminContext(res);
  const parsed = accountPasswordForm.safeParse(req.body);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    const problem = passwordProblem(parsed.data.newPassword);
    if (problem) errors.newPassword = problem;
    else if (!(await verifyPassword(parsed.data.currentPassword, store.users.getPasswordHash(user!.id) ?? ''))) {
      errors.currentPassword = '当前密码不正确';
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return res.status(422).render('admin/account.njk', { errors });
  const passwordHash = await hashPassword(parsed.data.newPassword);
  store.transaction(() => {
    store.users.setPasswordHash(user!.id, passwordHash, now());
    store.sessions.destroyForUser(user!.id, session!.id); // other devices are logged out
    audit(deps, req, res, 'account.password_change', `user:${user!.id}`);
  });
  flash(deps, res, '密码已修改，其他设备上的登录已退出。');
  res.redirect(303, '/admin/account');
}
