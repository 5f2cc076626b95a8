// The article editor: new and existing articles, with uploads, a preview rendered exactly like the public page,
// optimistic locking, a revision for every save, and nothing the writer typed ever lost.
import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { saveUpload, uploadedFileNames, uploadedImageSizes, uploadUrl, type IncomingFile } from '../content/uploads.js';
import { importWordFile } from '../content/word-import.js';
import { formatPublished, fromDateTimeLocal, toDateTimeLocal } from '../lib/dates.js';
import { renderMarkdown, summaryFromHtml } from '../lib/markdown.js';
import { decide, mayBackdate, STATUS_LABELS, type ArticleAction } from '../lib/review-rules.js';
import type { EditableArticle, SaveExtras } from '../store/admin-articles.js';
import type { ArticleFields } from '../store/revisions.js';
import type { Upload } from '../store/uploads.js';
import { audit, KEPT_NOTICE, takePendingPost } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { adminContext, flash } from '../web/session.js';
import { articleState, check, loadArticle, submit } from './article-actions.js';
import { checkDraft, draftOf, maskValues, recordChecks } from './checks.js';
import { columnOptions } from './columns-options.js';
import { articleForm, type ArticleForm } from './forms.js';

type Values = Record<string, unknown>;
type Files = Partial<Record<'cover' | 'bodyImage' | 'attachments' | 'wordFile', IncomingFile[]>>;

const FIELDS: (keyof ArticleFields)[] = ['title', 'subtitle', 'columnId', 'source', 'author', 'summary', 'coverImage', 'bodyMd'];
const WORKFLOW: ArticleAction[] = ['submit', 'approve', 'reject', 'withdraw', 'delete', 'restore'];
/** A publish time this far in the past still counts as "now" (the form was filled in a minute ago). */
const CLOCK_SLACK_MS = 5 * 60 * 1000;
const EXTERNAL_IMAGE = /!\[[^\]]*\]\(\s*<?(?:(?:https?:)?\/\/|file:|data:)/i;

const postPath = (article?: EditableArticle) => (article ? `/admin/articles/${article.id}` : '/admin/articles');

/** The summary as typed: one derived from the body shows as empty, so it keeps following the body. */
const typedSummary = (article: EditableArticle) =>
  article.summary === summaryFromHtml(renderMarkdown(article.bodyMd)) ? '' : article.summary;

/** The requested publish time as the form shows it, to the minute. */
const requestedLocal = (article?: EditableArticle) => (article?.requestedPublishAt ? toDateTimeLocal(article.requestedPublishAt) : '');

/** Whether the form's time differs from the stored one as the form showed it (seconds are not in the form). */
const timeChangedIn = (form: ArticleForm, article?: EditableArticle) =>
  form.publishAt !== (fromDateTimeLocal(requestedLocal(article)) ?? null);

/** What stops the article from being published as it is stored (unless a reviewer overrides it). */
export const blockingFindings = (deps: Deps, article: EditableArticle) =>
  checkDraft(deps, article, { kind: 'article', id: article.id }).findings.filter((f) => f.blocking);

export function storedValues(article: EditableArticle): Values {
  return {
    ...Object.fromEntries(FIELDS.map((field) => [field, String(article[field])])),
    summary: typedSummary(article),
    publishAt: requestedLocal(article),
    bodyImageAlt: '',
    attachmentIds: [],
    version: String(article.version),
  };
}

/** Uploads offered with the form: the article's own, and new ones of this user not yet claimed by any article. */
function pendingUploads(deps: Deps, res: Response, ids: unknown): Upload[] {
  const user = adminContext(res).user!;
  const wanted = [ids ?? []].flat().map(Number).filter(Number.isInteger);
  return deps.store.uploads.listByIds(wanted).filter((u) => u.articleId === null && u.uploadedBy === user.id);
}

type View = {
  article?: EditableArticle | undefined; values: Values; errors?: Record<string, string>; preview?: object; notice?: string | undefined;
  rejectComment?: string;
  /** The approve form as typed, when it is shown again. */
  approve?: { comment: string; override: string; overrideReason: string };
};

export function renderEditor(deps: Deps, res: Response, status: number, view: View) {
  const { store, now } = deps;
  const user = adminContext(res).user!;
  const { article } = view;
  const state = article && articleState(deps, article);
  const pending = pendingUploads(deps, res, view.values.attachmentIds);
  const editDecision = state ? decide('edit', user, state) : { ok: true as const };
  const scheduled = article?.status === 'published' && article.publishedAt !== null && Date.parse(article.publishedAt) > now().getTime();
  const steps = article ? store.columns.getById(article.columnId)?.reviewSteps ?? [] : [];
  const { findings } = checkDraft(deps, draftOf(view.values), { kind: 'article', id: article?.id });
  res.status(status).render('admin/article-edit.njk', {
    ...view,
    values: { ...view.values, attachmentIds: pending.map((u) => String(u.id)) },
    errors: view.errors ?? {},
    postPath: postPath(article),
    columns: columnOptions(store),
    attachments: [...(article ? store.uploads.listForArticle(article.id, 'attachment') : []), ...pending],
    statusLabel: article ? (scheduled ? `定时发布（${formatPublished(article.publishedAt!)}）` : STATUS_LABELS[article.status]) : '新稿件',
    isLive: article?.status === 'published' && !scheduled && article.deletedAt === null,
    steps,
    findings,
    maskForm: 'article-form',
    blocks: true,
    // The reviewer's approval would publish it: blocking findings need their explicit override then.
    blockingBeforePublish: article?.status === 'submitted' && article.reviewStep + 1 >= steps.length
      ? blockingFindings(deps, article).length : 0,
    readOnly: editDecision.ok ? '' : editDecision.reason,
    actions: state ? WORKFLOW.filter((action) => decide(action, user, state).ok) : [],
    events: article ? store.workflow.listEvents(article.id) : [],
    mayBackdate: mayBackdate(user.role),
    rejectComment: view.rejectComment ?? '',
    approve: view.approve ?? { comment: '', override: '', overrideReason: '' },
  });
}

export function showNewArticle(deps: Deps, req: Request, res: Response) {
  const kept = takePendingPost(deps, req, res, postPath());
  const column = /^\d+$/.test(String(req.query.column ?? '')) ? String(req.query.column) : '';
  const values: Values = kept ?? { columnId: column, source: '', author: adminContext(res).user!.displayName, attachmentIds: [] };
  renderEditor(deps, res, 200, { values, notice: kept ? KEPT_NOTICE : undefined });
}

export function showEditArticle(deps: Deps, req: Request, res: Response) {
  const article = loadArticle(deps, req);
  const kept = takePendingPost(deps, req, res, postPath(article));
  renderEditor(deps, res, 200, { article, values: kept ?? storedValues(article), notice: kept ? KEPT_NOTICE : undefined });
}

/** /admin/articles/5 is where the editor posts; asked for directly (a reload, a login's way back) it is the editor. */
export const redirectToEditor = (_deps: Deps, req: Request, res: Response) => res.redirect(303, `/admin/articles/${req.params.id}/edit`);

/** Stores the files sent with the form (so they are never lost to a validation error) and notes them in `values`. */
function receiveFiles(deps: Deps, req: Request, res: Response, values: Values): Record<string, string> {
  const { store, config, now } = deps;
  const user = adminContext(res).user!;
  const files = (req.files ?? {}) as Files;
  const errors: Record<string, string> = { ...(res.locals.uploadErrors as Record<string, string> | undefined) };
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
  if (refused.length > 0) errors.attachments = [errors.attachments, ...refused].filter(Boolean).join('；');
  return errors;
}

/**
 * 从 Word 导入 in the editor: the document fills the open form (title and 来源 when the document states them, the
 * body, its images uploaded) and the form is shown again, unsaved, with what to check.
 */
async function importIntoForm(deps: Deps, req: Request, res: Response, article: EditableArticle | undefined, values: Values, errors: Record<string, string>) {
  const word = ((req.files ?? {}) as Files).wordFile?.[0];
  delete values.action;
  const form = { version: '', ...values };
  if (!word) return renderEditor(deps, res, 422, { article, values: form, errors: { ...errors, wordFile: errors.wordFile ?? '请选择要导入的 Word 文档（.docx）' } });
  const imported = await importWordFile(deps.store, deps.config.dataDir, word.buffer, adminContext(res).user!.id, deps.now());
  if ('error' in imported) return renderEditor(deps, res, 422, { article, values: form, errors: { ...errors, wordFile: imported.error } });
  const body = String(values.bodyMd ?? '').trim();
  const filled = {
    ...form,
    title: imported.title || String(values.title ?? ''),
    source: imported.source || String(values.source ?? ''),
    bodyMd: body ? `${body}\n\n${imported.bodyMd}` : imported.bodyMd,
  };
  const notes = [
    `已从“${word.originalname}”导入，尚未保存：请核对${imported.title ? '标题、' : ''}${imported.source ? '来源、' : ''}正文后保存。`,
    imported.date ? `文档中的日期是 ${imported.date}，发布时间由审核通过时决定，需要时请填写“定时发布”。` : '',
    imported.imageCount ? `导入了 ${imported.imageCount} 张图片，请在正文的 ![ ] 中为每张图片写上说明（替代文字）。` : '',
    imported.refusedImages.length ? `未能导入的图片：${imported.refusedImages.join('；')}。` : '',
  ];
  renderEditor(deps, res, 200, { article, values: filled, errors, notice: notes.filter(Boolean).join('') });
}

/** Field errors that need the database or the clock: the column, images from elsewhere, and who may set which time. */
function checkForm(deps: Deps, res: Response, form: ArticleForm, article?: EditableArticle): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!deps.store.columns.getById(form.columnId)) errors.columnId = '请选择栏目';
  if (EXTERNAL_IMAGE.test(form.bodyMd)) {
    errors.bodyMd = '正文中有网站上无法显示的图片（外部网站的、本机文件或粘贴进来的图片）：请把图片保存后用“插入图片”上传';
  }
  const changed = timeChangedIn(form, article);
  const past = form.publishAt !== null && Date.parse(form.publishAt) < deps.now().getTime() - CLOCK_SLACK_MS;
  if (changed && past && !mayBackdate(adminContext(res).user!.role)) {
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
  if (values.action === 'import') return importIntoForm(deps, req, res, article, values, fileErrors);
  if (typeof values.mask === 'string') {
    const masked = maskValues(values, values.mask);
    delete values.mask;
    return renderEditor(deps, res, 200, {
      article, values: { version: '', ...(masked ?? values) }, errors: fileErrors,
      notice: masked ? '已遮盖，尚未保存：请检查后点“保存”。' : '这里已没有需要遮盖的个人信息。',
    });
  }
  const parsed = articleForm.safeParse(values);
  const errors = { ...(parsed.success ? checkForm(deps, res, parsed.data, article) : fieldErrors(parsed.error)), ...fileErrors };
  // A form posted without its version field (not from our page) is shown again all the same.
  if (!parsed.success || Object.keys(errors).length > 0) return renderEditor(deps, res, 422, { article, values: { version: '', ...values }, errors });
  const form = parsed.data;

  const bodyHtml = renderMarkdown(form.bodyMd, uploadedImageSizes(store));
  const summary = form.summary || summaryFromHtml(bodyHtml);
  if (form.action === 'preview') {
    const preview = {
      ...form, bodyHtml, summary, publishedAt: form.publishAt ?? article?.publishedAt ?? now().toISOString(),
      attachments: [...(article ? store.uploads.listForArticle(article.id, 'attachment') : []), ...pendingUploads(deps, res, form.attachmentIds)],
    };
    return renderEditor(deps, res, 200, { article, values, preview });
  }

  const fields: ArticleFields = {
    title: form.title, subtitle: form.subtitle, columnId: form.columnId, source: form.source, author: form.author,
    summary: form.summary, coverImage: form.coverImage, bodyMd: form.bodyMd,
  };
  // The time is kept to the second when the field (which shows minutes) was left as it was.
  const timeChanged = timeChangedIn(form, article);
  const backdating = timeChanged && form.publishAt !== null && Date.parse(form.publishAt) < now().getTime() - CLOCK_SLACK_MS;
  const extras: SaveExtras = {
    bodyHtml,
    summary,
    requestedPublishAt: timeChanged ? form.publishAt : article?.requestedPublishAt ?? null,
    isBackdated: timeChanged ? backdating : article?.isBackdated ?? false,
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
    store.uploads.linkFilesToArticle(uploadedFileNames(`${form.bodyMd}\n${form.coverImage}`), id, user.id);
    store.uploads.detachAttachments(form.removeAttachmentIds, id);
    audit(deps, req, res, article ? 'article.save' : 'article.create', `article:${id}`, form.title);
    if (backdating) audit(deps, req, res, 'article.backdate', `article:${id}`, `${form.title}（发布时间 ${formatPublished(form.publishAt!)}）`);
    return id;
  });
  if (saved === undefined) {
    const latest = store.adminArticles.getForEdit(article!.id)!;
    return renderEditor(deps, res, 409, {
      article, values, errors: {
        _form: `保存失败：这篇文章在您编辑期间已被他人修改（${STATUS_LABELS[latest.status]}，版本 ${latest.version}）。` +
          '您填写的内容仍在下方，请复制需要保留的部分，然后重新打开文章再修改。',
      },
    });
  }
  recordChecks(deps, { type: 'article', id: saved }, fields, bodyHtml);
  const current = store.adminArticles.getForEdit(saved)!;
  // Changed text goes out only after review: a published article that is edited goes back to 待审核.
  if (form.action === 'submit' || current.status === 'published') return submit(deps, req, res, current, true);
  flash(deps, res, article ? '已保存。' : '草稿已创建。');
  res.redirect(303, `/admin/articles/${saved}/edit`);
}
