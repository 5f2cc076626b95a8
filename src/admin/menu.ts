import type { NextFunction, Request, Response } from 'express';
import type { Area } from '../lib/review-rules.js';

/** The admin menu, in order; each item shows only to roles that may enter its area. */
const MENU: { section: string; href: string; label: string; area: Area }[] = [
  { section: '', href: '/admin/', label: '工作台', area: 'articles' },
  { section: 'articles', href: '/admin/articles', label: '文章', area: 'articles' },
  { section: 'review', href: '/admin/review', label: '待审核', area: 'review' },
  { section: 'trash', href: '/admin/trash', label: '回收站', area: 'articles' },
  { section: 'enquiries', href: '/admin/enquiries', label: '咨询留言', area: 'enquiries' },
  { section: 'checks', href: '/admin/checks', label: '内容检查', area: 'checks' },
  { section: 'wording', href: '/admin/wording', label: '用语词库', area: 'wording' },
  { section: 'columns', href: '/admin/columns', label: '栏目', area: 'columns' },
  { section: 'pages', href: '/admin/pages', label: '单页', area: 'pages' },
  { section: 'settings', href: '/admin/settings', label: '网站设置', area: 'settings' },
  { section: 'users', href: '/admin/users', label: '用户', area: 'users' },
  { section: 'audit', href: '/admin/audit', label: '操作日志', area: 'audit' },
];

/** The menu, and which of its sections the request is in (the first path segment under /admin). */
export function adminMenu(req: Request, res: Response, next: NextFunction) {
  res.locals.adminMenu = MENU;
  res.locals.adminSection = req.path.split('/')[1] ?? '';
  next();
}
