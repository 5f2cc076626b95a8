import type { Request, Response } from 'express';
import { uploadedImageSizes } from '../content/uploads.js';
import { diffParagraphs } from '../lib/diff.js';
import { renderMarkdown, summaryFromHtml } from '../lib/markdown.js';
import { decide } from '../lib/review-rules.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { adminContext, flash } from '../web/session.js';
import { articleState, check, loadArticle } from './article-actions.js';

export const FIELD_LABELS: Record<string, string> = {
  title: '标题', subtitle: '副标题', columnId: '栏目', source: '来源', author: '作者', summary: '摘要',
  coverImage: '封面图片', bodyMd: '正文', publishAt: '发布时间', import: '导入',
};

export function showHistory(deps: Deps, req: Request, res: Response) {
  const article = loadArticle(deps, req);
  const revisions = deps.store.revisions.list(article.id).map((r) => ({ ...r, changedLabels: r.changed.map((f) => FIELD_LABELS[f] ?? f) }));
  res.render('admin/article-history.njk', { article, revisions, events: deps.store.workflow.listEvents(article.id) });
}

function loadRevision(deps: Deps, req: Request) {
  const article = loadArticle(deps, req);
  const version = /^\d{1,9}$/.test(String(req.params.version)) ? Number(req.params.version) : 0;
  const revision = deps.store.revisions.get(article.id, version);
  if (!revision) throw notFound('没有这个版本。');
  return { article, revision };
}

/** One revision, and what differs between it and the article as it is now. */
export function showRevision(deps: Deps, req: Request, res: Response) {
  const { article, revision } = loadRevision(deps, req);
  const columns = new Map(deps.store.columns.listAll().map((c) => [c.id, c.name]));
  const fields = (['title', 'subtitle', 'columnId', 'source', 'author', 'summary', 'coverImage'] as const).map((field) => ({
    label: FIELD_LABELS[field],
    then: field === 'columnId' ? columns.get(revision.snapshot.columnId) : revision.snapshot[field],
    now: field === 'columnId' ? columns.get(article.columnId) : article[field],
  }));
  res.render('admin/article-revision.njk', {
    article, revision, fields, bodyDiff: diffParagraphs(revision.snapshot.bodyMd, article.bodyMd),
    mayEdit: decide('edit', adminContext(res).user!, articleState(deps, article)).ok,
  });
}

/** Restoring saves the old revision's content as a new revision, so nothing in between is lost either. */
export function restoreRevision(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const { article, revision } = loadRevision(deps, req);
  check(deps, res, 'edit', article);
  const user = adminContext(res).user!;
  const fields = { ...revision.snapshot, columnId: store.columns.getById(revision.snapshot.columnId) ? revision.snapshot.columnId : article.columnId };
  const bodyHtml = renderMarkdown(fields.bodyMd, uploadedImageSizes(store));
  const restored = store.transaction(() => {
    const extras = {
      bodyHtml, summary: fields.summary || summaryFromHtml(bodyHtml),
      requestedPublishAt: article.requestedPublishAt, isBackdated: article.isBackdated,
    };
    if (!store.adminArticles.update(article.id, article.version, fields, extras, user.id, now())) return false;
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((f) => String(fields[f]) !== String(article[f]));
    store.revisions.insert(article.id, article.version + 1, user.id, changed, fields, now());
    audit(deps, req, res, 'article.revision_restore', `article:${article.id}`, `${article.title}（恢复到版本 ${revision.version}）`);
    return true;
  });
  flash(deps, res, restored ? `已恢复到版本 ${revision.version} 的内容（保存为新版本）。` : '恢复失败：文章刚被他人修改，请重试。');
  res.redirect(303, `/admin/articles/${article.id}/edit`);
}
