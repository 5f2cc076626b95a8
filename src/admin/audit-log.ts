import type { Request, Response } from 'express';
import { paginate } from '../lib/pagination.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { auditFilters } from './forms.js';

export const ACTION_LABELS: Record<string, string> = {
  login: '登录', 'login.failed': '登录失败', 'login.throttled': '登录受限', logout: '退出',
  'article.create': '新建文章', 'article.save': '保存文章', 'article.submit': '提交审核', 'article.approve': '审核通过',
  'article.publish': '发布', 'article.reject': '退回', 'article.withdraw': '下线', 'article.delete': '删除',
  'article.restore': '恢复', 'article.backdate': '设置过去的发布时间', 'article.revision_restore': '恢复历史版本',
  'column.create': '新建栏目', 'column.update': '修改栏目', 'page.create': '新建页面', 'page.update': '修改页面',
  'settings.update': '修改网站设置', 'user.create': '新建用户', 'user.update': '修改用户', 'user.password_reset': '重置密码',
  'account.password_change': '修改本人密码', 'article.override': '忽略检查问题发布', 'checks.scan': '全站内容检查',
  'checks.links': '检查外部链接', 'wording.create': '新增词条', 'wording.update': '修改词条', 'wording.delete': '删除词条',
  'wording.import': '导入词库', 'enquiry.status': '更改留言状态', 'enquiry.assign': '指定留言经办人', 'enquiry.answer': '答复留言', 'enquiry.note': '留言内部备注',
  'enquiry.settings': '修改留言设置', 'article.import': '从 Word 导入',
};

const PER_PAGE = 50;

export function showAuditLog({ store }: Deps, req: Request, res: Response) {
  const query = auditFilters.parse(req.query);
  const action = query.action ?? null;
  const pagination = paginate(store.audit.count(action), query.page ?? 1, PER_PAGE);
  if (!pagination) throw notFound(`没有第 ${query.page} 页。`);
  res.render('admin/audit-log.njk', {
    entries: store.audit.list(action, pagination.limit, pagination.offset),
    pagination,
    query,
    pageQuery: action ? `action=${encodeURIComponent(action)}` : '',
    actions: Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
    labels: ACTION_LABELS,
  });
}
