import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { hashPassword, passwordProblem, randomPassword } from '../lib/passwords.js';
import { ROLE_LABELS, ROLES } from '../lib/review-rules.js';
import type { User } from '../store/users.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { adminContext, flash } from '../web/session.js';
import { editUserForm, newUserForm, passwordForm } from './forms.js';

const roles = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export const showUsers = ({ store }: Deps, _req: Request, res: Response) =>
  res.render('admin/users.njk', { users: store.users.listAll(), roleLabels: ROLE_LABELS });

export const showNewUser = (_deps: Deps, _req: Request, res: Response) =>
  res.render('admin/user-new.njk', { values: { role: 'editor' }, errors: {}, roles });

export async function createUser(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const parsed = newUserForm.safeParse(req.body);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const typed = parsed.success ? parsed.data.password : '';
  if (typed) {
    const problem = passwordProblem(typed);
    if (problem) errors.password = problem;
  }
  if (parsed.success && store.users.getByUsername(parsed.data.username)) errors.username = '这个用户名已存在';
  if (!parsed.success || Object.keys(errors).length > 0) {
    return res.status(422).render('admin/user-new.njk', { values: { ...req.body, password: '' }, errors, roles });
  }
  const password = typed || randomPassword();
  const passwordHash = await hashPassword(password);
  const { username, displayName, role } = parsed.data;
  const id = store.transaction(() => {
    const created = store.users.insert({ username, displayName, role, passwordHash }, now());
    audit(deps, req, res, 'user.create', `user:${created}`, `${username}（${ROLE_LABELS[role]}）`);
    return created;
  });
  flash(deps, res, typed ? `已创建用户 ${username}。` : `已创建用户 ${username}，初始密码：${password}（只显示这一次，请转告本人并提醒其修改）`);
  res.redirect(303, `/admin/users/${id}/edit`);
}

function loadUser({ store }: Deps, req: Request): User {
  const user = /^\d{1,15}$/.test(String(req.params.id)) ? store.users.getById(Number(req.params.id)) : undefined;
  if (!user) throw notFound('用户不存在。');
  return user;
}

const renderEdit = (res: Response, status: number, user: User, values: object, errors = {}) =>
  res.status(status).render('admin/user-edit.njk', { account: user, values, errors, roles });

export const showEditUser = (deps: Deps, req: Request, res: Response) => {
  const user = loadUser(deps, req);
  renderEdit(res, 200, user, { displayName: user.displayName, role: user.role, isDisabled: user.isDisabled ? '1' : '' });
};

export function updateUser(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const user = loadUser(deps, req);
  const me = adminContext(res).user!;
  const parsed = editUserForm.safeParse(req.body);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    const losesAdmin = user.role === 'admin' && !user.isDisabled && (parsed.data.role !== 'admin' || parsed.data.isDisabled);
    if (user.id === me.id && losesAdmin) errors.role = '不能停用自己或取消自己的管理员角色';
    else if (losesAdmin && store.users.countActiveAdmins() <= 1) errors.role = '至少要保留一名启用的管理员';
  }
  if (!parsed.success || Object.keys(errors).length > 0) return renderEdit(res, 422, user, { ...req.body }, errors);
  const fields = parsed.data;
  store.transaction(() => {
    store.users.update(user.id, fields, now());
    // A disabled account or a changed role takes effect at once: its sessions end.
    if (fields.isDisabled || fields.role !== user.role) store.sessions.destroyForUser(user.id);
    audit(deps, req, res, 'user.update', `user:${user.id}`,
      `${user.username}：${ROLE_LABELS[fields.role]}${fields.isDisabled ? '，已停用' : ''}`);
  });
  flash(deps, res, '用户已保存。');
  res.redirect(303, `/admin/users/${user.id}/edit`);
}

export async function resetPassword(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const user = loadUser(deps, req);
  const parsed = passwordForm.safeParse(req.body);
  const typed = parsed.data?.password ?? '';
  const problem = parsed.success ? (typed ? passwordProblem(typed) : undefined) : fieldErrors(parsed.error).password;
  if (problem) {
    return renderEdit(res, 422, user, { displayName: user.displayName, role: user.role, isDisabled: user.isDisabled ? '1' : '' }, { password: problem });
  }
  const password = typed || randomPassword();
  const passwordHash = await hashPassword(password);
  store.transaction(() => {
    store.users.setPasswordHash(user.id, passwordHash, now());
    store.sessions.destroyForUser(user.id, user.id === adminContext(res).user!.id ? adminContext(res).session!.id : null);
    audit(deps, req, res, 'user.password_reset', `user:${user.id}`, user.username);
  });
  flash(deps, res, typed ? `已为 ${user.username} 设置新密码。` : `${user.username} 的新密码：${password}（只显示这一次）`);
  res.redirect(303, `/admin/users/${user.id}/edit`);
}
