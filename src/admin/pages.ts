import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { uploadedImageSizes } from '../content/uploads.js';
import { renderMarkdown } from '../lib/markdown.js';
import type { Page } from '../store/pages.js';
import { audit, KEPT_NOTICE, takePendingPost } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { flash } from '../web/session.js';
import { checkDraft, draftOf, maskValues, recordChecks } from './checks.js';
import { pageForm } from './forms.js';

export const showPages = ({ store }: Deps, _req: Request, res: Response) =>
  res.render('admin/pages.njk', { pages: store.pages.listAll() });

const toValues = (p?: Page) => ({
  title: p?.title ?? '', slug: p?.slug ?? '', sortOrder: String(p?.sortOrder ?? 0), bodyMd: p?.bodyMd ?? '', showsContact: p?.showsContact ? '1' : '',
});

function loadPage({ store }: Deps, req: Request): Page {
  const page = /^\d{1,15}$/.test(String(req.params.id)) ? store.pages.getById(Number(req.params.id)) : undefined;
  if (!page) throw notFound('页面不存在。');
  return page;
}

/** The editor, with what the content checks find in the text shown (a page is public as soon as it is saved). */
const render = (deps: Deps, res: Response, status: number, page: Page | undefined, values: Record<string, unknown>, errors = {}, notice = '') =>
  res.status(status).render('admin/page-edit.njk', {
    page, values, errors, notice, findings: checkDraft(deps, draftOf(values), { kind: 'page' }).findings, maskForm: 'page-form', blocks: false,
  });

/** The editor, with the form kept from an expired session if there is one. */
function showEditor(deps: Deps, req: Request, res: Response, page: Page | undefined) {
  const kept = takePendingPost(deps, req, res, page ? `/admin/pages/${page.id}` : '/admin/pages');
  render(deps, res, 200, page, kept ? { ...toValues(page), ...kept } : toValues(page), {}, kept ? KEPT_NOTICE : '');
}

export const showNewPage = (deps: Deps, req: Request, res: Response) => showEditor(deps, req, res, undefined);
export const showEditPage = (deps: Deps, req: Request, res: Response) => showEditor(deps, req, res, loadPage(deps, req));

export function savePage(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const page = req.params.id === undefined ? undefined : loadPage(deps, req);
  if (typeof req.body?.mask === 'string') {
    const { mask, ...typed } = req.body as Record<string, unknown>;
    const masked = maskValues(typed, String(mask));
    return render(deps, res, 200, page, { ...toValues(page), ...(masked ?? typed) }, {}, masked ? '已遮盖，尚未保存：请检查后点“保存”。' : '这里已没有需要遮盖的个人信息。');
  }
  const parsed = pageForm.safeParse(req.body);
  const values = { ...toValues(page), ...req.body, showsContact: req.body?.showsContact ? '1' : '' };
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    const same = store.pages.getBySlug(parsed.data.slug);
    if (same && same.id !== page?.id) errors.slug = `地址 ${parsed.data.slug} 已被页面“${same.title}”使用`;
    if (store.columns.getBySlug(parsed.data.slug)) errors.slug = '这个地址与栏目目录相同，请换一个';
  }
  if (!parsed.success || Object.keys(errors).length > 0) return render(deps, res, 422, page, values, errors);
  const fields = { ...parsed.data, bodyHtml: renderMarkdown(parsed.data.bodyMd, uploadedImageSizes(store)) };
  const id = store.transaction(() => {
    const saved = page ? (store.pages.update(page.id, fields, now()), page.id) : store.pages.insert(fields, now());
    audit(deps, req, res, page ? 'page.update' : 'page.create', `page:${saved}`, fields.title);
    return saved;
  });
  const found = recordChecks(deps, { type: 'page', id }, { title: fields.title, bodyMd: fields.bodyMd }, fields.bodyHtml).length;
  flash(deps, res, found ? `页面已保存。内容检查发现 ${found} 个问题，请在页面中查看并修改。` : '页面已保存。');
  res.redirect(303, found ? `/admin/pages/${id}/edit` : '/admin/pages');
}
