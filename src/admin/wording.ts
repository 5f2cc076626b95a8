// The wording dictionary in the admin (administrators only): list by kind, add, edit and delete rules, import a
// CSV or plain-text file (UTF-8 or GBK) and export the whole dictionary in either form.
import type { NextFunction, Request, Response } from 'express';
import { fieldErrors } from '../lib/form-errors.js';
import multer from 'multer';
import { z } from 'zod';
import { decodeText, parseWordingFile, toCsv, toText, wordingRule, type ImportProblem } from '../lib/checks/wording-file.js';
import { WORDING_KINDS, type WordingKind } from '../lib/checks/wording.js';
import type { StoredRule } from '../store/wording.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { HttpError, notFound } from '../web/errors.js';
import { adminContext, flash } from '../web/session.js';

const MAX_FILE_BYTES = 1024 * 1024;
const kinds = Object.entries(WORDING_KINDS).map(([value, label]) => ({ value, label }));
const kindFilter = z.object({ kind: z.enum(Object.keys(WORDING_KINDS) as [WordingKind, ...WordingKind[]]).optional().catch(undefined) });

type Values = Record<string, string>;
type ImportResult = { added: number; updated: number; unchanged: number; problems: ImportProblem[] };

const emptyRule: Values = { kind: 'wrong', phrase: '', suggestion: '', isBlocking: '', note: '' };
const valuesOf = (rule: StoredRule): Values =>
  ({ kind: rule.kind, phrase: rule.phrase, suggestion: rule.suggestion, isBlocking: rule.isBlocking ? '1' : '', note: rule.note });

type Page = { values?: Values; errors?: Record<string, string>; importText?: string; importResult?: ImportResult };

function renderList({ store }: Deps, req: Request, res: Response, status: number, page: Page = {}) {
  const { kind } = kindFilter.parse(req.query);
  res.status(status).render('admin/wording.njk', {
    rules: store.wording.list(kind), kind: kind ?? '', kinds, kindLabels: WORDING_KINDS, counts: Object.fromEntries(kinds.map((k) => [k.value, store.wording.list(k.value as WordingKind).length])),
    values: page.values ?? emptyRule, errors: page.errors ?? {}, importText: page.importText ?? '', importResult: page.importResult,
  });
}

export const showWording = (deps: Deps, req: Request, res: Response) => renderList(deps, req, res, 200);

function loadRule({ store }: Deps, req: Request): StoredRule {
  const rule = /^[1-9]\d{0,14}$/.test(String(req.params.id)) ? store.wording.getById(Number(req.params.id)) : undefined;
  if (!rule) throw notFound('词条不存在。');
  return rule;
}

const renderEdit = (res: Response, status: number, rule: StoredRule, values: Values, errors: Record<string, string> = {}) =>
  res.status(status).render('admin/wording-edit.njk', { rule, values, errors, kinds });

export const showEditRule = (deps: Deps, req: Request, res: Response) => {
  const rule = loadRule(deps, req);
  renderEdit(res, 200, rule, valuesOf(rule));
};

export function saveRule(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const existing = req.params.id === undefined ? undefined : loadRule(deps, req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values: Values = Object.fromEntries(Object.keys(emptyRule).map((k) => [k, typeof body[k] === 'string' ? String(body[k]) : '']));
  const parsed = wordingRule.safeParse({ ...values, isBlocking: values.isBlocking !== '' });
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    const same = store.wording.find(parsed.data.kind, parsed.data.phrase);
    if (same && same.id !== existing?.id) Object.assign(errors, { phrase: `词库中已有“${same.phrase}”（${WORDING_KINDS[same.kind]}）` });
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    return existing ? renderEdit(res, 422, existing, values, errors) : renderList(deps, req, res, 422, { values, errors });
  }
  const rule = parsed.data;
  store.transaction(() => {
    const id = existing ? (store.wording.update(existing.id, rule, now()), existing.id) : store.wording.insert(rule, now());
    audit(deps, req, res, existing ? 'wording.update' : 'wording.create', `wording:${id}`,
      `${WORDING_KINDS[rule.kind]}：${rule.phrase}${rule.suggestion ? ` → ${rule.suggestion}` : ''}${rule.isBlocking ? '（阻止发布）' : ''}`);
  });
  flash(deps, res, existing ? '词条已保存。' : `已添加词条“${rule.phrase}”。`);
  res.redirect(303, `/admin/wording?kind=${rule.kind}`);
}

export function deleteRule(deps: Deps, req: Request, res: Response) {
  const rule = loadRule(deps, req);
  deps.store.transaction(() => {
    deps.store.wording.remove(rule.id);
    audit(deps, req, res, 'wording.delete', `wording:${rule.id}`, `${WORDING_KINDS[rule.kind]}：${rule.phrase}`);
  });
  flash(deps, res, `已删除词条“${rule.phrase}”。`);
  res.redirect(303, `/admin/wording?kind=${rule.kind}`);
}

/** The import form's file (or pasted text); files from a visitor who is not logged in are dropped unread. */
export function wordingFileParser(deps: Deps) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: MAX_FILE_BYTES },
    fileFilter: (req, _file, accept) => accept(null, Boolean(req.res && adminContext(req.res).user)),
  }).single('file');
  return (req: Request, res: Response, next: NextFunction) =>
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError && (err.code === 'LIMIT_FILE_SIZE' || err.code === 'LIMIT_FIELD_VALUE')) {
        return next(new HttpError(413, '文件太大：词库文件不能超过 1 MB，请分批导入。'));
      }
      next(new HttpError(400, '提交的表单数据不完整或格式有误，请返回后重新提交。'));
    });
}

export function importWording(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const pasted = typeof req.body?.text === 'string' ? String(req.body.text) : '';
  const refuse = (message: string) => renderList(deps, req, res, 422, { errors: { file: message }, importText: pasted });
  if (req.file && pasted.trim() !== '') return refuse('请只选择文件，或只粘贴词条，不要同时提交');
  const text = req.file ? decodeText(req.file.buffer) : pasted;
  if (text === undefined) return refuse('这不是文本文件：请在 Excel 或 WPS 中“另存为” CSV 文件，或保存为纯文本（.txt）后再导入');
  if (text.trim() === '') return refuse('请选择词库文件，或把词条粘贴到文本框中');
  const { rules, problems } = parseWordingFile(text);
  const result: ImportResult = { added: 0, updated: 0, unchanged: 0, problems };
  store.transaction(() => {
    for (const rule of rules) result[store.wording.upsert(rule, now())]++;
    if (rules.length > 0) audit(deps, req, res, 'wording.import', '', `新增 ${result.added} 条，更新 ${result.updated} 条，未变 ${result.unchanged} 条，有误 ${problems.length} 行`);
  });
  renderList(deps, req, res, rules.length === 0 ? 422 : 200, { importResult: result, importText: problems.length > 0 ? pasted : '' });
}

export const exportWording = (format: 'csv' | 'txt') => ({ store }: Deps, _req: Request, res: Response) => {
  const rules = store.wording.list();
  res.set('Content-Type', `${format === 'csv' ? 'text/csv' : 'text/plain'}; charset=utf-8`);
  res.attachment(`用语词库.${format}`);
  res.send(format === 'csv' ? toCsv(rules) : toText(rules));
};
