// The review workflow's actions on one article: submit, approve (step by step, then publish), reject, withdraw,
// delete to the 回收站 and restore. Each checks lib/review-rules.ts, writes through the workflow store (guarded by
// the status it starts from), is audited, and ends on the article's page with a message.
import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { decide, nextAfterApproval, publishTime, type ArticleAction } from '../lib/review-rules.js';
import { formatPublished } from '../lib/dates.js';
import type { EditableArticle } from '../store/admin-articles.js';
import { audit, forbidden } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { adminContext, flash } from '../web/session.js';
import { blockingFindings, renderEditor, storedValues } from './article-edit.js';
import { recordChecks } from './checks.js';
import { textHash } from '../content/checks.js';
import { renderMarkdown } from '../lib/markdown.js';
import { commentForm, overrideForm, rejectForm } from './forms.js';

const STALE = '操作未完成：文章状态已被其他人改变，请查看最新状态。';

export function loadArticle({ store }: Deps, req: Request): EditableArticle {
  const id = /^[1-9]\d{0,14}$/.test(String(req.params.id)) ? Number(req.params.id) : 0;
  const article = store.adminArticles.getForEdit(id);
  if (!article) throw notFound('文章不存在。');
  return article;
}

export const articleState = ({ store }: Deps, article: EditableArticle) => ({
  status: article.status,
  createdBy: article.createdBy,
  isDeleted: article.deletedAt !== null,
  approvedBy: store.workflow.listApproversThisRound(article.id),
  contributors: article.status === 'submitted' ? store.workflow.listContributorsThisRound(article.id) : [],
});

/** Throws 403 with the reason when the current user may not do `action` now. */
export function check(deps: Deps, res: Response, action: ArticleAction, article: EditableArticle) {
  const decision = decide(action, adminContext(res).user!, articleState(deps, article));
  if (!decision.ok) throw forbidden(decision.reason);
}

const editPath = (id: number) => `/admin/articles/${id}/edit`;

function finish(deps: Deps, res: Response, article: EditableArticle, done: boolean, message: string, to = editPath(article.id)) {
  flash(deps, res, done ? message : STALE);
  res.redirect(303, to);
}

/**
 * Submits for review. The editor also calls it after a save (`afterEdit`): with 保存并提交, and for a published
 * article, whose changed text must be reviewed again before readers see it.
 */
export function submit(deps: Deps, req: Request, res: Response, article: EditableArticle, afterEdit = false) {
  const republishing = afterEdit && article.status === 'published';
  if (!republishing) check(deps, res, 'submit', article);
  const user = adminContext(res).user!;
  const steps = deps.store.columns.getById(article.columnId)!.reviewSteps;
  const done = deps.store.workflow.transition(article.id, { from: article.status, to: 'submitted', reviewStep: 0 },
    { action: 'submit', userId: user.id, stepName: steps[0]!, comment: '' }, deps.now());
  if (done) audit(deps, req, res, 'article.submit', `article:${article.id}`, article.title);
  finish(deps, res, article, done, republishing
    ? `已保存并重新提交审核（等待“${steps[0]}”）：已发布的文章修改后须重新审核，审核通过前网站上暂不显示。`
    : `已提交审核，等待“${steps[0]}”。`);
}

export const submitArticle = (deps: Deps, req: Request, res: Response) => submit(deps, req, res, loadArticle(deps, req));

export function approveArticle(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const article = loadArticle(deps, req);
  check(deps, res, 'approve', article);
  const user = adminContext(res).user!;
  const comment = commentForm.safeParse(req.body).data?.comment ?? '';
  // The step the reviewer saw: if another reviewer passed it meanwhile, this approval would sign off the next one.
  const seen = typeof req.body?.step === 'string' && /^\d{1,2}$/.test(req.body.step) ? Number(req.body.step) : article.reviewStep;
  if (seen !== article.reviewStep) return finish(deps, res, article, false, '');
  const steps = store.columns.getById(article.columnId)!.reviewSteps;
  const stepName = steps[article.reviewStep] ?? steps.at(-1)!;
  const next = nextAfterApproval(article.reviewStep, steps.length);
  const event = { action: 'approve' as const, userId: user.id, stepName, comment };
  if (next.kind === 'next') {
    const done = store.workflow.transition(article.id, { from: 'submitted', to: 'submitted', reviewStep: next.step }, event, now());
    if (done) audit(deps, req, res, 'article.approve', `article:${article.id}`, `${article.title}（${stepName}）`);
    return finish(deps, res, article, done, `“${stepName}”已通过，等待“${steps[next.step]}”。`);
  }
  // Blocking findings stop publishing unless the reviewer overrides them, with a reason, on record.
  const blocking = blockingFindings(deps, article);
  let overridden = '';
  if (blocking.length > 0) {
    const override = overrideForm.safeParse(req.body);
    if (!override.success) {
      const typed = (name: string) => (typeof req.body?.[name] === 'string' ? String(req.body[name]) : '');
      return renderEditor(deps, res, 422, {
        article, values: storedValues(article), errors: fieldErrors(override.error),
        approve: { comment: typed('comment'), override: typed('override'), overrideReason: typed('overrideReason') },
      });
    }
    // The log names each finding by its masked form where it has one: an ID number is not copied into the log.
    overridden = `忽略 ${blocking.length} 个阻止发布的问题（${blocking.map((f) => `“${f.mask ?? f.text}”${f.message}`).join('；')}），理由：${override.data.overrideReason}`;
    event.comment = [comment, overridden].filter(Boolean).join('；');
  }
  const publishedAt = publishTime(article.requestedPublishAt, article.isBackdated, article.publishedAt, now());
  const done = store.transaction(() => {
    const moved = store.workflow.transition(article.id,
      { from: 'submitted', to: 'published', reviewStep: article.reviewStep, publishedAt, reviewedBy: user.id }, event, now());
    if (moved) store.workflow.recordEvent(article.id, { action: 'publish', userId: user.id, stepName: '', comment: '' }, now());
    return moved;
  });
  if (done) audit(deps, req, res, 'article.publish', `article:${article.id}`, `${article.title}（发布时间 ${formatPublished(publishedAt)}）`);
  if (done && overridden) {
    store.findings.setOverride(article.id, textHash(article), user.id, overridden, now());
    audit(deps, req, res, 'article.override', `article:${article.id}`, `${article.title}：${overridden}`);
    recordChecks(deps, { type: 'article', id: article.id }, article, renderMarkdown(article.bodyMd));
  }
  const scheduled = Date.parse(publishedAt) > now().getTime();
  finish(deps, res, article, done, scheduled ? `已审核通过，将于 ${formatPublished(publishedAt)} 自动发布。` : '已审核通过并发布。');
}

export function rejectArticle(deps: Deps, req: Request, res: Response) {
  const article = loadArticle(deps, req);
  check(deps, res, 'reject', article);
  const parsed = rejectForm.safeParse(req.body);
  if (!parsed.success) {
    const typed = typeof req.body?.comment === 'string' ? req.body.comment : '';
    return renderEditor(deps, res, 422, {
      article, values: storedValues(article), errors: { comment: `退回失败：${fieldErrors(parsed.error).comment}` }, rejectComment: typed,
    });
  }
  const user = adminContext(res).user!;
  const steps = deps.store.columns.getById(article.columnId)!.reviewSteps;
  const done = deps.store.workflow.transition(article.id, { from: 'submitted', to: 'rejected', reviewStep: 0 },
    { action: 'reject', userId: user.id, stepName: steps[article.reviewStep] ?? '', comment: parsed.data.comment }, deps.now());
  if (done) audit(deps, req, res, 'article.reject', `article:${article.id}`, `${article.title}：${parsed.data.comment}`);
  finish(deps, res, article, done, '已退回给作者修改。');
}

export function withdrawArticle(deps: Deps, req: Request, res: Response) {
  const article = loadArticle(deps, req);
  check(deps, res, 'withdraw', article);
  const comment = commentForm.safeParse(req.body).data?.comment ?? '';
  const done = deps.store.workflow.transition(article.id, { from: 'published', to: 'withdrawn', reviewStep: 0 },
    { action: 'withdraw', userId: adminContext(res).user!.id, stepName: '', comment }, deps.now());
  if (done) audit(deps, req, res, 'article.withdraw', `article:${article.id}`, article.title + (comment ? `：${comment}` : ''));
  finish(deps, res, article, done, '已下线，读者不再能看到这篇文章。');
}

function moveToTrash(deps: Deps, req: Request, res: Response, deleted: boolean) {
  const article = loadArticle(deps, req);
  check(deps, res, deleted ? 'delete' : 'restore', article);
  const done = deps.store.workflow.setDeleted(article.id, deleted,
    { action: deleted ? 'delete' : 'restore', userId: adminContext(res).user!.id, stepName: '', comment: '' }, deps.now());
  if (done) audit(deps, req, res, deleted ? 'article.delete' : 'article.restore', `article:${article.id}`, article.title);
  finish(deps, res, article, done, deleted ? '已移入回收站，可在回收站中恢复。' : '已从回收站恢复。', deleted ? '/admin/articles' : editPath(article.id));
}

export const deleteArticle = (deps: Deps, req: Request, res: Response) => moveToTrash(deps, req, res, true);
export const restoreArticle = (deps: Deps, req: Request, res: Response) => moveToTrash(deps, req, res, false);

const CONFIRM = {
  withdraw: { heading: '下线', explanation: '下线后读者将不能再看到这篇文章，网址会显示“页面不存在”。需要时可以重新提交审核后再发布。' },
  delete: { heading: '移入回收站', explanation: '移入回收站后文章不在任何列表中出现，也不能在网站上访问；可以在回收站中恢复。' },
} as const;

/** The confirmation page before 下线 and 移入回收站, which take effect on readers at once. */
export const confirmAction = (action: keyof typeof CONFIRM) => (deps: Deps, req: Request, res: Response) => {
  const article = loadArticle(deps, req);
  check(deps, res, action, article);
  res.render('admin/article-confirm.njk', { article, action, ...CONFIRM[action] });
};
