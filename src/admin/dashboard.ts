import type { Request, Response } from 'express';
import { mayEnter, STATUS_LABELS, STATUSES } from '../lib/review-rules.js';
import type { Deps } from '../web/deps.js';
import { ACTION_LABELS } from './audit-log.js';
import { adminContext } from '../web/session.js';

export function showDashboard({ store }: Deps, _req: Request, res: Response) {
  const user = adminContext(res).user!;
  const counts = store.adminArticles.countByStatus();
  const waiting = mayEnter(user.role, 'review')
    ? store.adminArticles.list({ status: 'submitted' }, 200, 0).filter((a) => a.createdBy !== user.id).length
    : 0;
  res.render('admin/dashboard.njk', {
    counts: STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: counts[status] ?? 0 })),
    waiting,
    mine: store.adminArticles.list({ createdBy: user.id }, 10, 0),
    recent: mayEnter(user.role, 'audit') ? store.audit.list(null, 10, 0) : [],
    labels: ACTION_LABELS,
  });
}
