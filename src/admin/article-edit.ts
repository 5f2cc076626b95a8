// The article editor: new and existing articles, with uploads, a preview rendered exactly like the public page,
// optimistic locking, a revision for every save, and nothing the writer typed ever lost.
import type { Request, Response } from 'express';
import { saveUpload, uploadedImageSizes, uploadUrl, type IncomingFile } from '../content/uploads.js';
import { toDateTimeLocal } from '../lib/dates.js';
import { renderMarkdown, summaryFromHtml } from '../lib/markdown.js';
import { decide, mayBackdate, STATUS_LABELS, type ArticleAction } from '../lib/review-rules.js';
import type { EditableArticle, SaveExtras } from '../store/admin-articles.js';
import type { ArticleFields } from '../store/revisions.js';
import type { Upload } from '../store/uploads.js';
import { audit, takePendingPost } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { adminContext, flash } from '../web/session.js';
import { articleState, check, loadArticle, submit } from './article-actions.js';
import { columnOptions } from './columns-options.js';
import { articleForm, fieldErrors, type ArticleForm } from './forms.js';

type Values = Record<string, unknown>;
type Files = Partial<Record<'cover' | 'bodyImage' | 'attachments', IncomingFile[]>>;

const FIELDS: (keyof ArticleFields)[] = ['title', 'subtitle', 'columnId', 'source', 'author', 'summary', 'coverImage', 'bodyMd'];
const WORKFLOW: ArticleAction[] = ['submit', 'approve', 'reject', 'withdraw', 'delete', 'restore'];
/** A publish time this far in the past still counts as "now" (the form was filled in a minute ago). */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

const postPath = (article?: EditableArticle) => (article ? `/admin/articles/${article.id}` : '/admin/articles');

/** The summary as typed: one derived from the body shows as empty, so it keeps following the body. */
const typedSummary = (article: EditableArticle) =>
  article.summary === summaryFromHtml(renderMarkdown(article.bodyMd)) ? '' : article.summary;

function storedValues(article: EditableArticle): Values {
  const time = article.status === 'published' ? article.publishedAt : article.requestedPublishAt;
  return {
    ...Object.fromEntries(FIELDS.map((field) => [field, String(article[field])])),
    summary: typedSummary(article),
    publishAt: time ? toDateTimeLocal(time) : '',
    bodyImageAlt: '',
    attachmentIds: [],
    version: String(article.version),
  };
}

function render(deps: Deps, res: Response, status: number, view: { article?: EditableArticle; values: Values; errors?: Record<string, string>; preview?: object; notice?: string }) {
  const { store } = deps;
  const user = adminContext(res).user!;
  const { article } = view;
  const state = article && articleState(deps, article);
  const pendingIds = [view.values.attachmentIds ?? []].flat().map(Number).filter(Number.isInteger);
  const attachments: Upload[] = [
    ...(article ? store.uploads.listForArticle(article.id, 'attachment') : []),
    ...store.uploads.listByIds(pendingIds).filter((u) => u.articleId === null && u.uploadedBy === user.id),
  ];
  const editDecision = state ? decide('edit', user, state) : { ok: true as const };
  res.status(status).render('admin/article-edit.njk', {
    ...view,
    errors: view.errors ?? {},
    postPath: postPath(article),
    columns: columnOptions(store),
    attachments,
    statusLabel: article ? STATUS_LABELS[article.status] : '新稿件',
    steps: article ? store.columns.getById(article.columnId)?.reviewSteps ?? [] : [],
    readOnly: editDecision.ok ? '' : editDecision.reason,
    actions: state ? WORKFLOW.filter((action) => decide(action, user, state).ok) : [],
    events: article ? store.workflow.listEvents(article.id) : [],
    mayBackdate: mayBackdate(user.role),
  });
}

export function showNewArticle(deps: Deps, req: Request, res: Response) {
  const kept = takePendingPost(deps, req, res, postPath());
  const column = /^\d+$/.test(String(req.query.column ?? '')) ? String(req.query.column) : '';
  const values: Values = kept ?? { columnId: column, source: '', author: adminContext(res).user!.displayName, attachmentIds: [] };
  render(deps, res, 200, { values, notice: kept ? KEPT_NOTICE : undefined });
}

const KEPT_NOTICE = '您在登录超时前填写的内容已恢复，请检查后保存（已选择的文件需要重新选择）。';

export function showEditArticle(deps: Deps, req: Request, res: Response) {
  const article = loadArticle(deps, req);
  const kept = takePendingPost(deps, req, res, postPath(article));
  render(deps, res, 200, { article, values: kept ?? storedValues(article), notice: kept ? KEPT_NOTICE : undefined });
}

/** Stores the files sent with the form (so they are never lost to a validation error) and notes them in `values`. */
function receiveFiles(deps: Deps, req: Request, res: Response, values: Values): Record<string, string> {
  const { store, config, now } = deps;
  const user = adminContext(res).user!;
  const files = (req.files ?? {}) as Files;
  const errors: Record<string, string> = {};
  const uploadError = res.locals.uploadError as string | undefined;
  if (uploadError) errors.attachments = uploadError;
  const save = (file: IncomingFile, kind: 'image' | 'attachment') => saveUpload(store, config.dataDir, file, kind, user.id, now());

  if (values.removeCover) values.coverImage = '';
  delete values.removeCover;
  const cover = files.cover?.[0];
  if (cover) {
    const saved = save(cover, 'image');
    if ('error' in saved) errors.coverImage = saved.error;
    else values.coverImage = uploadUrl(saved);
  }
  const image = files.bodyImage?.[0];
  if (image) {
    const alt = String(values.bodyImageAlt ?? '').trim().replace(/[[\]\\]/g, '');
    if (!alt) errors.bodyImageAlt = '插入图片时请填写图片说明（供视障读者使用），并重新选择图片';
    else {
      const saved = save(image, 'image');
      if ('error' in saved) errors.bodyImage = saved.error;
      else {
        values.bodyMd = `${String(values.bodyMd ?? '').trimEnd()}\n\n![${alt}](${uploadUrl(saved)})\n`;
        values.bodyImageAlt = '';
      }
    }
  }
  const refused: string[] = [];
  for (const file of files.attachments ?? []) {
    const saved = save(file, 'attachment');
    if ('error' in saved) refused.push(`${file.originalname}：${saved.error}`);
    else values.attachmentIds = [...[values.attachmentIds ?? []].flat(), String(saved.id)];
  }
  if (refused.length > 0) errors.attachments = refused.join('；');
  return errors;
}

/** Field errors that need the database or the clock: the column, and who may set which publish time. */
function checkForm(deps: Deps, res: Response, form: ArticleForm, article?: EditableArticle): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!deps.store.columns.getById(form.columnId)) errors.columnId = '请选择栏目';
  const current = article && (article.status === 'published' ? article.publishedAt : article.requestedPublishAt);
  const past = form.publishAt !== null && Date.parse(form.publishAt) < deps.now().getTime() - CLOCK_SLACK_MS;
  if (past && form.publishAt !== current && !mayBackdate(adminContext(res).user!.role)) {
    errors.publishAt = '发布时间由系统在发布时自动记录；只有管理员在导入旧稿时可以填写过去的时间';
  }
  return errors;
}

export async function saveArticle(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const user = adminContext(res).user!;
  const article = req.params.id === undefined ? undefined : loadArticle(deps, req);
  if (article) check(deps, res, 'edit', article);

  const values: Values = { ...(req.body as Values) };
  delete values._csrf;
  const fileErrors = receiveFiles(deps, req, res, values);
  const parsed = articleForm.safeParse(values);
  const errors = { ...(parsed.success ? checkForm(deps, res, parsed.data, article) : fieldErrors(parsed.error)), ...fileErrors };
  if (!parsed.success || Object.keys(errors).length > 0) return render(deps, res, 422, { article, values, errors });
  const form = parsed.data;

  const bodyHtml = renderMarkdown(form.bodyMd, uploadedImageSizes(store));
  const summary = form.summary || summaryFromHtml(bodyHtml);
  if (form.action === 'preview') {
    const preview = {
      ...form, bodyHtml, summary, publishedAt: form.publishAt ?? now().toISOString(),
      attachments: store.uploads.listByIds(form.attachmentIds),
    };
    return render(deps, res, 200, { article, values, preview });
  }

  const fields: ArticleFields = {
    title: form.title, subtitle: form.subtitle, columnId: form.columnId, source: form.source, author: form.author,
    summary: form.summary, coverImage: form.coverImage, bodyMd: form.bodyMd,
  };
  const current = article && (article.status === 'published' ? article.publishedAt : article.requestedPublishAt);
  const timeChanged = form.publishAt !== (article ? current : null);
  const backdating = timeChanged && form.publishAt !== null && Date.parse(form.publishAt) < now().getTime() - CLOCK_SLACK_MS;
  const extras: SaveExtras = {
    bodyHtml,
    summary,
    requestedPublishAt: form.publishAt,
    isBackdated: backdating || (!timeChanged && Boolean(article?.isBackdated)),
    // A published article's time is its publish time: changing it reschedules (or, for an admin, back-dates) it.
    ...(article?.status === 'published' && timeChanged && form.publishAt ? { publishedAt: form.publishAt } : {}),
  };

  const saved = store.transaction(() => {
    let id: number;
    let version: number;
    if (article) {
      if (form.version === undefined || !store.adminArticles.update(article.id, form.version, fields, extras, user.id, now())) return undefined;
      [id, version] = [article.id, form.version + 1];
    } else {
      [id, version] = [store.adminArticles.insertDraft(fields, extras, user.id, now()), 1];
    }
    const before = article && { ...article, summary: typedSummary(article) };
    const changed = FIELDS.filter((field) => String(before?.[field] ?? '') !== String(fields[field]));
    if (timeChanged) changed.push('publishAt' as keyof ArticleFields);
    store.revisions.insert(id, version, user.id, changed, fields, now());
    store.uploads.linkToArticle(form.attachmentIds, id, user.id);
    store.uploads.detachAttachments(form.removeAttachmentIds, id);
    audit(deps, req, res, article ? 'article.save' : 'article.create', `article:${id}`, form.title);
    if (backdating) audit(deps, req, res, 'article.backdate', `article:${id}`, `${form.title}（发布时间 ${form.publishAt}）`);
    return id;
  });
  if (saved === undefined) {
    const latest = store.adminArticles.getForEdit(article!.id)!;
    return render(deps, res, 409, {
      article, values, errors: {
        _form: `保存失败：这篇文章在您编辑期间已被他人修改（${STATUS_LABELS[latest.status]}，版本 ${latest.version}）。` +
          '您填写的内容仍在下方，请复制需要保留的部分，然后重新打开文章再修改。',
      },
    });
  }
  if (form.action === 'submit') return submit(deps, req, res, store.adminArticles.getForEdit(saved)!);
  flash(deps, res, article ? '已保存。' : '草稿已创建。');
  res.redirect(303, `/admin/articles/${saved}/edit`);
}
