import type { Request, Response } from 'express';
import { buildColumnTree, flattenTree } from '../lib/columns.js';
import { freshness, HOME_UPDATE_DAYS, latestIn, updateDaysOf } from '../lib/freshness.js';
import { mayEnter, STATUS_LABELS, STATUSES } from '../lib/review-rules.js';
import type { Deps } from '../web/deps.js';
import { ACTION_LABELS } from './audit-log.js';
import { withDeadlines } from './enquiries.js';
import { adminContext } from '../web/session.js';

/** The home page and every column: how recently each was updated against its expected interval. */
function updateStatus({ store, now }: Deps) {
  const at = now();
  const tree = buildColumnTree(store.columns.listAll(), store.articles.countPublishedByColumn(at));
  const latest = store.articles.latestPublishedByColumn(at);
  const columns = flattenTree(tree.roots).map(({ node, depth }) => ({
    id: node.id, name: node.name, depth, isHidden: node.isHidden,
    ...freshness(latestIn(node, latest), updateDaysOf(node), at),
  }));
  const homeLatest = tree.roots.filter((root) => root.isPublic).map((root) => latestIn(root, latest)).sort().at(-1) ?? null;
  return { home: freshness(homeLatest, HOME_UPDATE_DAYS, at), columns };
}

/** Unanswered 咨询留言 against their deadline: counts, and the most urgent few. */
function enquiryDeadlines(deps: Deps) {
  const open = withDeadlines(deps, deps.store.enquiries.listOpen());
  const count = (state: string) => open.filter((e) => e.deadline?.state === state).length;
  return { open: open.length, due: count('due'), overdue: count('overdue'), alarm: count('alarm'), urgent: open.filter((e) => e.deadline?.state !== 'ok').slice(0, 5) };
}

const REPORTED = 5;

export function showDashboard(deps: Deps, _req: Request, res: Response) {
  const { store } = deps;
  const user = adminContext(res).user!;
  const counts = store.adminArticles.countByStatus();
  const waiting = mayEnter(user.role, 'review')
    ? store.adminArticles.list({ status: 'submitted' }, 200, 0).filter((a) => a.createdBy !== user.id).length
    : 0;
  const updates = updateStatus(deps);
  res.render('admin/dashboard.njk', {
    counts: STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: counts[status] ?? 0 })),
    waiting,
    mine: store.adminArticles.list({ createdBy: user.id }, 10, 0),
    recent: mayEnter(user.role, 'audit') ? store.audit.list(null, 10, 0) : [],
    labels: ACTION_LABELS,
    updates,
    attention: updates.columns.filter((c) => !c.isHidden && ['due', 'overdue', 'empty'].includes(c.state)).length,
    reported: store.findings.report(null, REPORTED, 0),
    reportedCount: store.findings.countReported(),
    scanned: Boolean(store.findings.scanState()?.finishedAt),
    enquiries: enquiryDeadlines(deps),
  });
}
