// 从 Word 文档批量导入 on the article list: each .docx becomes a draft in the chosen column (title, 来源, body and
// images from the document), saved like any draft (revision, audit, content checks) for its writer to check.
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { uploadedFileNames, uploadedImageSizes } from '../content/uploads.js';
import { importWordFile } from '../content/word-import.js';
import { renderMarkdown, summaryFromHtml } from '../lib/markdown.js';
import type { ArticleFields } from '../store/revisions.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { HttpError } from '../web/errors.js';
import { adminContext, flash } from '../web/session.js';
import { recordChecks } from './checks.js';

const MAX_FILES = 20;

/** The files of the import form; a visitor who is not logged in has them dropped unread. */
export function wordFilesParser({ config }: Deps) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.maxUploadBytes, files: MAX_FILES, fields: 5 },
    defParamCharset: 'utf8',
    fileFilter: (req, _file, accept) => accept(null, Boolean(req.res && adminContext(req.res).user)),
  }).array('wordFiles', MAX_FILES);
  const limitMb = Math.round(config.maxUploadBytes / 1024 / 1024);
  return (req: Request, res: Response, next: NextFunction) =>
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') return next(new HttpError(413, `文件太大：单个文件不能超过 ${limitMb} MB。`));
      if (err instanceof multer.MulterError && /LIMIT_(FILE_COUNT|UNEXPECTED_FILE)/.test(err.code)) return next(new HttpError(400, `一次最多导入 ${MAX_FILES} 个文档，请分批导入。`));
      next(new HttpError(400, '提交的表单数据不完整或格式有误，请返回后重新提交。'));
    });
}

const importForm = z.object({ columnId: z.string().regex(/^[1-9]\d{0,14}$/).transform(Number) });

export async function importWordFiles(deps: Deps, req: Request, res: Response) {
  const { store, config, now } = deps;
  const user = adminContext(res).user!;
  const files = (req.files ?? []) as { originalname: string; buffer: Buffer }[];
  const form = importForm.safeParse(req.body);
  const column = form.success ? store.columns.getById(form.data.columnId) : undefined;
  if (!column || files.length === 0) {
    flash(deps, res, !column ? '导入未完成：请选择栏目。' : '导入未完成：请选择要导入的 Word 文档（.docx）。');
    return res.redirect(303, '/admin/articles');
  }
  const created: string[] = [];
  const refused: string[] = [];
  for (const file of files) {
    const imported = await importWordFile(store, config.dataDir, file.buffer, user.id, now());
    if ('error' in imported) {
      refused.push(`${file.originalname}（${imported.error}）`);
      continue;
    }
    if (imported.bodyMd.trim() === '' || imported.bodyMd.length > 200_000) {
      refused.push(`${file.originalname}（${imported.bodyMd.trim() === '' ? '文档没有正文' : '正文超过 200,000 字，请分成几篇'}）`);
      continue;
    }
    const fields: ArticleFields = {
      title: imported.title || file.originalname.replace(/\.docx$/i, '').slice(0, 200) || '未命名文档', subtitle: '', columnId: column.id,
      source: imported.source, author: user.displayName, summary: '', coverImage: '', bodyMd: imported.bodyMd,
    };
    const bodyHtml = renderMarkdown(fields.bodyMd, uploadedImageSizes(store));
    const id = store.transaction(() => {
      const draft = store.adminArticles.insertDraft(fields, { bodyHtml, summary: summaryFromHtml(bodyHtml), requestedPublishAt: null, isBackdated: false }, user.id, now());
      store.revisions.insert(draft, 1, user.id, (Object.keys(fields) as (keyof ArticleFields)[]).filter((k) => String(fields[k]) !== ''), fields, now());
      store.uploads.linkFilesToArticle(uploadedFileNames(fields.bodyMd), draft, user.id);
      audit(deps, req, res, 'article.import', `article:${draft}`, `${fields.title}（${file.originalname}）`);
      return draft;
    });
    recordChecks(deps, { type: 'article', id }, fields, bodyHtml);
    const notes = [
      imported.date ? `文档日期 ${imported.date}` : '',
      imported.imageCount ? `${imported.imageCount} 张图片待写说明` : '',
      ...imported.refusedImages,
    ].filter(Boolean);
    created.push(`《${fields.title}》${notes.length ? `（${notes.join('，')}）` : ''}`);
  }
  flash(deps, res, [
    created.length ? `已导入 ${created.length} 篇草稿：${created.join('')}，请逐篇核对后提交审核。` : '',
    refused.length ? `未导入：${refused.join('；')}` : '',
  ].filter(Boolean).join(''));
  res.redirect(303, created.length ? '/admin/articles?status=draft' : '/admin/articles');
}
