// The admin's route table, readable top to bottom. Order matters: sessions, then body parsing (the article form is
// multipart and parsed before the login check, so a post from an expired session can be kept), then login, then
// the CSRF check on every POST, then each area behind its role.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { requireArea, requireLogin, verifyCsrf } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { HttpError } from '../web/errors.js';
import { adminContext, loadSession } from '../web/session.js';
import { showAccount, changeOwnPassword } from './account.js';
import { approveArticle, confirmAction, deleteArticle, rejectArticle, restoreArticle, submitArticle, withdrawArticle } from './article-actions.js';
import { redirectToEditor, saveArticle, showEditArticle, showNewArticle } from './article-edit.js';
import { restoreRevision, showHistory, showRevision } from './article-history.js';
import { showArticleList, showReviewQueue, showTrash } from './article-list.js';
import { showAuditLog } from './audit-log.js';
import { convertPastedHtml } from './paste.js';
import { importWordFiles, wordFilesParser } from './word-import.js';
import { showChecks, showDraftFindings, startLinkCheck, startScan } from './checks.js';
import { saveColumn, showColumns, showEditColumn, showNewColumn } from './columns.js';
import { showDashboard } from './dashboard.js';
import { addNote, answerEnquiry, assignEnquiry, changeStatus, saveEnquirySettings, showEnquiryAdmin, showEnquirySettings, showInbox } from './enquiries.js';
import { deleteRule, exportWording, importWording, saveRule, showEditRule, showWording, wordingFileParser } from './wording.js';
import { logIn, logOut, showLogin } from './login.js';
import { adminMenu } from './menu.js';
import { savePage, showEditPage, showNewPage, showPages } from './pages.js';
import { saveSettings, showSettings } from './settings.js';
import { createUser, resetPassword, showEditUser, showNewUser, showUsers, updateUser } from './users.js';

type Handler = (deps: Deps, req: Request, res: Response) => void | Promise<void>;

const FILE_LIMITS: Record<string, (limitMb: number) => string> = {
  LIMIT_FILE_SIZE: (mb) => `文件太大：单个文件不能超过 ${mb} MB，请重新选择`,
  LIMIT_FILE_COUNT: () => '一次最多上传 10 个附件，请分批上传',
  LIMIT_UNEXPECTED_FILE: () => '一次最多上传 10 个附件，请分批上传',
};

/**
 * Multipart parsing for the article form; files from a visitor who is not logged in are dropped unread. A file
 * over a limit keeps the text parsed so far and shows the form again with the reason; any other broken body is
 * a 400 with a message, never a 500.
 */
function articleFormParser({ config }: Deps) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.maxUploadBytes, files: 12, fields: 200, fieldSize: 2 * 1024 * 1024 },
    defParamCharset: 'utf8',
    fileFilter: (req, _file, accept) => accept(null, Boolean(req.res && adminContext(req.res).user)),
  }).fields([{ name: 'cover', maxCount: 1 }, { name: 'bodyImage', maxCount: 1 }, { name: 'attachments', maxCount: 10 }, { name: 'wordFile', maxCount: 1 }]);
  const limitMb = Math.round(config.maxUploadBytes / 1024 / 1024);
  return (req: Request, res: Response, next: NextFunction) =>
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError && FILE_LIMITS[err.code]) {
        const field = err.field === 'cover' ? 'coverImage' : err.field === 'bodyImage' || err.field === 'wordFile' ? err.field : 'attachments';
        res.locals.uploadErrors = { [field]: FILE_LIMITS[err.code]!(limitMb) };
        req.files = {};
        return next();
      }
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FIELD_VALUE') {
        return next(new HttpError(413, '提交的内容太长（正文不能超过 200,000 个字），请删减后再保存。'));
      }
      next(new HttpError(400, '提交的表单数据不完整或格式有误，请返回后重新提交。'));
    });
}

export function adminRoutes(deps: Deps): Router {
  const r = Router({ strict: false });
  const h = (fn: Handler) => (req: Request, res: Response) => fn(deps, req, res);

  r.use(loadSession(deps));
  r.use(adminMenu);
  r.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const articleForm = articleFormParser(deps);
  r.post(['/articles', '/articles/:id'], (req, res, next) => (req.params.id === 'import' ? next() : articleForm(req, res, next)));
  r.post('/wording/import', wordingFileParser(deps));
  r.post('/articles/import', wordFilesParser(deps));
  r.use(express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 200 }));

  r.get('/login', h(showLogin));
  r.post('/login', verifyCsrf, h(logIn));
  r.use(requireLogin(deps));
  r.use(verifyCsrf);
  r.post('/logout', h(logOut));

  r.get('/', h(showDashboard));
  r.get('/account', h(showAccount));
  r.post('/account/password', h(changeOwnPassword));

  r.get('/articles', h(showArticleList));
  r.get('/articles/new', h(showNewArticle));
  r.post('/articles', h(saveArticle));
  r.post('/articles/import', h(importWordFiles));
  r.post('/convert/html', h(convertPastedHtml));
  r.get('/articles/:id/edit', h(showEditArticle));
  r.get('/articles/:id', h(redirectToEditor));
  r.post('/articles/:id', h(saveArticle));
  r.get('/articles/:id/withdraw', requireArea('review'), h(confirmAction('withdraw')));
  r.get('/articles/:id/delete', h(confirmAction('delete')));
  r.post('/articles/:id/submit', h(submitArticle));
  r.post('/articles/:id/approve', requireArea('review'), h(approveArticle));
  r.post('/articles/:id/reject', requireArea('review'), h(rejectArticle));
  r.post('/articles/:id/withdraw', requireArea('review'), h(withdrawArticle));
  r.post('/articles/:id/delete', h(deleteArticle));
  r.post('/articles/:id/restore', h(restoreArticle));
  r.get('/articles/:id/history', h(showHistory));
  r.get('/articles/:id/revisions/:version', h(showRevision));
  r.post('/articles/:id/revisions/:version/restore', h(restoreRevision));
  r.get('/review', requireArea('review'), h(showReviewQueue));
  r.get('/trash', h(showTrash));

  r.post('/checks/text', h(showDraftFindings));
  r.get('/checks', requireArea('checks'), h(showChecks));
  r.post('/checks/scan', requireArea('checks'), h(startScan));
  r.post('/checks/links', requireArea('checks'), h(startLinkCheck));

  r.get('/enquiries', requireArea('enquiries'), h(showInbox));
  r.get('/enquiries/settings', requireArea('settings'), h(showEnquirySettings));
  r.post('/enquiries/settings', requireArea('settings'), h(saveEnquirySettings));
  r.get('/enquiries/:id', requireArea('enquiries'), h(showEnquiryAdmin));
  r.post('/enquiries/:id/status', requireArea('enquiries'), h(changeStatus));
  r.post('/enquiries/:id/assign', requireArea('enquiries'), h(assignEnquiry));
  r.post('/enquiries/:id/notes', requireArea('enquiries'), h(addNote));
  r.post('/enquiries/:id/answer', requireArea('review'), h(answerEnquiry)); // what goes public: reviewers and administrators

  r.get('/wording', requireArea('wording'), h(showWording));
  r.post('/wording', requireArea('wording'), h(saveRule));
  r.get('/wording/export.csv', requireArea('wording'), h(exportWording('csv')));
  r.get('/wording/export.txt', requireArea('wording'), h(exportWording('txt')));
  r.post('/wording/import', requireArea('wording'), h(importWording));
  r.get('/wording/:id/edit', requireArea('wording'), h(showEditRule));
  r.post('/wording/:id', requireArea('wording'), h(saveRule));
  r.post('/wording/:id/delete', requireArea('wording'), h(deleteRule));

  r.get('/columns', requireArea('columns'), h(showColumns));
  r.get('/columns/new', requireArea('columns'), h(showNewColumn));
  r.post('/columns', requireArea('columns'), h(saveColumn));
  r.get('/columns/:id/edit', requireArea('columns'), h(showEditColumn));
  r.post('/columns/:id', requireArea('columns'), h(saveColumn));

  r.get('/pages', requireArea('pages'), h(showPages));
  r.get('/pages/new', requireArea('pages'), h(showNewPage));
  r.post('/pages', requireArea('pages'), h(savePage));
  r.get('/pages/:id/edit', requireArea('pages'), h(showEditPage));
  r.post('/pages/:id', requireArea('pages'), h(savePage));

  r.get('/settings', requireArea('settings'), h(showSettings));
  r.post('/settings', requireArea('settings'), h(saveSettings));

  r.get('/users', requireArea('users'), h(showUsers));
  r.get('/users/new', requireArea('users'), h(showNewUser));
  r.post('/users', requireArea('users'), h(createUser));
  r.get('/users/:id/edit', requireArea('users'), h(showEditUser));
  r.post('/users/:id', requireArea('users'), h(updateUser));
  r.post('/users/:id/password', requireArea('users'), h(resetPassword));

  r.get('/audit', requireArea('audit'), h(showAuditLog));
  return r;
}
