import type { Request, Response } from 'express';
import { paginate } from '../lib/pagination.js';
import { buildColumnTree, subtreeIds } from '../lib/columns.js';
import { decide, STATUS_LABELS, STATUSES } from '../lib/review-rules.js';
import { matchAll, parseQuery } from '../lib/search-text.js';
import type { ArticleFilters } from '../store/admin-articles.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { adminContext } from '../web/session.js';
import { columnOptions } from './columns-options.js';
import { articleFilters } from './forms.js';

const PER_PAGE = 20;

function listPage(deps: Deps, req: Request, res: Response, deleted: boolean) {
  const { store } = deps;
  const query = articleFilters.parse(req.query);
  const tree = buildColumnTree(store.columns.listAll(), new Map());
  const column = [...tree.bySlug.values()].find((c) => c.id === query.column);
  const filters: ArticleFilters = {
    columnIds: query.column === undefined ? undefined : column ? subtreeIds(column) : [], status: query.status, createdBy: query.author, deleted,
    text: query.q || undefined,
    match: query.q ? matchAll(parseQuery(query.q), 'all') || undefined : undefined,
  };
  const pagination = paginate(store.adminArticles.count(filters), query.page ?? 1, PER_PAGE);
  if (!pagination) throw notFound(`没有第 ${query.page} 页。`);
  const me = adminContext(res).user!;
  const articles = store.adminArticles.list(filters, pagination.limit, pagination.offset).map((a) => ({
    ...a,
    isScheduled: a.status === 'published' && a.publishedAt !== null && Date.parse(a.publishedAt) > deps.now().getTime(),
    // Only offer what the person may do (an editor restores only their own unpublished drafts).
    mayRestore: deleted && decide('restore', me, { status: a.status, createdBy: a.createdBy, isDeleted: true, approvedBy: [], contributors: [] }).ok,
  }));
  res.render(deleted ? 'admin/trash.njk' : 'admin/article-list.njk', {
    articles,
    pagination,
    query,
    // Page links keep the filters; only the page number changes.
    pageQuery: new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== 'page' && v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString(),
    columns: columnOptions(store),
    authors: store.users.listAll().map((u) => ({ value: u.id, label: u.displayName })),
    statuses: STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
  });
}

export const showArticleList = (deps: Deps, req: Request, res: Response) => listPage(deps, req, res, false);
export const showTrash = (deps: Deps, req: Request, res: Response) => listPage(deps, req, res, true);

/** Articles waiting for a review step that the current user may give (not their own). */
export function showReviewQueue({ store }: Deps, _req: Request, res: Response) {
  const me = adminContext(res).user!;
  const waiting = store.adminArticles.list({ status: 'submitted' }, 500, 0);
  const steps = new Map(store.columns.listAll().map((c) => [c.slug, c.reviewSteps]));
  res.render('admin/review-queue.njk', {
    articles: waiting.map((a) => ({ ...a, stepName: steps.get(a.columnSlug)?.[a.reviewStep] ?? '', isOwn: a.createdBy === me.id })),
  });
}
