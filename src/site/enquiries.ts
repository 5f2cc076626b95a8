// 咨询留言 for readers: the published answers, the form (with spam defences that need no outside service), the
// receipt with its query code, and looking a message up by that code without an account.
//
// The forms have no session: a signed token (lib/form-token.ts) carries when the form was shown and a nonce that
// must match the form cookie (CSRF by double submit). A form sent back within seconds, or with the hidden field
// filled in, is a robot's; a sender with such posts or several messages in the last hour gets an arithmetic
// question; each address may leave a few messages an hour and a day. Whatever is refused is shown again as typed.
import { fieldErrors } from '../lib/form-errors.js';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';

import { sendMailSoon } from '../content/mailer.js';
import { notifyRecipients, readEnquirySettings, replyRule } from '../lib/enquiry-settings.js';
import { formatPublished } from '../lib/dates.js';
import { ENQUIRY_PAGE_SIZE, enquiryListPath, halfWidth, hashQueryCode, maskName, replyDeadline, maskPersonalData, newQueryCode, normaliseQueryCode, PUBLIC_STATUS_LABELS } from '../lib/enquiries.js';
import { addressKey, challengeOf, issueToken, readAnswer, readToken } from '../lib/form-token.js';
import { enquiryMeta } from '../lib/page-meta.js';
import { paginate } from '../lib/pagination.js';
import type { Enquiry } from '../store/enquiries.js';
import { readCookie } from '../web/cookies.js';
import type { Deps } from '../web/deps.js';
import { HttpError, notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';
import { cachePublicPage } from './cache.js';

const FORM_COOKIE = 'kx_form';
const RECEIPT_COOKIE = 'kx_receipt';
const MIN_FILL_MS = 3_000;
const RECEIPT_MS = 10 * 60 * 1000;
const TOKEN_MAX_AGE_MS = 3 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Messages one address may leave per hour and per day; lookups per hour. */
const LIMITS = { hour: 5, day: 20, lookups: 30 };

const required = (label: string, max: number) =>
  z.string(`请填写${label}`).trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

const enquiryForm = z.object({
  name: required('姓名', 30),
  contact: required('联系方式', 60).transform(halfWidth)
    .refine((v) => /^[0-9+()\- ]{7,20}$/.test(v) || z.email().safeParse(v).success, '请填写手机、电话号码或电子邮箱'),
  subject: required('主题', 60),
  message: required('留言内容', 3000).refine((v) => [...v].length >= 10, '留言内容请至少写 10 个字，把问题说清楚'),
  mayPublish: z.enum(['1', '0'], '请选择是否同意公开').transform((v) => v === '1'),
});

type Values = Record<string, string>;
const FIELDS = ['name', 'contact', 'subject', 'message', 'mayPublish'] as const;
const valuesOf = (body: unknown): Values =>
  Object.fromEntries(FIELDS.map((f) => [f, typeof (body as Values | undefined)?.[f] === 'string' ? (body as Values)[f]!.slice(0, 5000) : '']));

/**
 * The published view of a message: nothing that identifies the writer (personal data, their name and contact
 * where the text repeats them, masked), or the question as staff edited it for publication. The answer is staff's
 * own words and is shown as written.
 */
const publicView = (e: Enquiry) => ({
  id: e.id, subject: e.publicSubject || maskPersonalData(e.subject, e), message: e.publicMessage || maskPersonalData(e.message, e), name: maskName(e.name),
  answer: e.answer, department: e.answerDepartment, createdAt: e.createdAt, answeredAt: e.answeredAt ?? e.updatedAt,
});

/** When the writer can expect the answer. */
const expectedBy = (deps: Deps, e: Enquiry) => {
  const { days, calendar } = replyRule(readEnquirySettings(deps.store.settings.getAll()));
  return replyDeadline(e.createdAt, days, calendar);
};

export function showEnquiries(deps: Deps, req: Request, res: Response) {
  const { store } = deps;
  const page = req.params.n === undefined ? 1 : /^[1-9]\d{0,8}$/.test(String(req.params.n)) ? Number(req.params.n) + 1 : 0;
  const pagination = paginate(store.enquiries.countPublished(), page, ENQUIRY_PAGE_SIZE);
  if (!pagination) throw notFound();
  const settings = readEnquirySettings(store.settings.getAll());
  cachePublicPage(res);
  res.render('site/enquiries.njk', {
    enquiries: store.enquiries.listPublished(pagination.limit, pagination.offset).map(publicView),
    pagination,
    stats: settings.enquiryStatsPublic === '1' ? store.enquiries.lastTwelveMonths(deps.now()) : [],
    replyDays: settings.enquiryReplyDays,
    activeSection: 'zxly',
    meta: enquiryMeta(siteContext(res).siteInfo, '咨询留言', enquiryListPath(page)),
  });
}

export function showEnquiry({ store }: Deps, req: Request, res: Response) {
  const enquiry = /^[1-9]\d{0,14}$/.test(String(req.params.id)) ? store.enquiries.getPublished(Number(req.params.id)) : undefined;
  if (!enquiry) throw notFound('这条留言不存在或没有公开。');
  const view = publicView(enquiry);
  cachePublicPage(res);
  res.render('site/enquiry.njk', {
    enquiry: view, activeSection: 'zxly',
    meta: enquiryMeta(siteContext(res).siteInfo, view.subject, `/zxly/${enquiry.id}.html`, view.message.slice(0, 120)),
  });
}

/** The browser's form nonce (set now if it has none): the double-submit half of the CSRF check. */
function formNonce(req: Request, res: Response): string {
  const existing = readCookie(req, FORM_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{16}$/.test(existing)) return existing;
  const nonce = randomBytes(12).toString('base64url');
  res.cookie(FORM_COOKIE, nonce, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/zxly' });
  return nonce;
}

/** Recent posts from this address (an IPv6 address by its /64) that call for the arithmetic question. */
function isSuspicious({ store, now }: Deps, ip: string, form: string): boolean {
  const recent = store.publicForms.countSince(addressKey(ip), form, new Date(now().getTime() - HOUR_MS));
  return recent.blocked > 0 || recent.accepted >= 2 || recent.refused >= 3;
}

type FormView = { values: Values; errors: Record<string, string>; message?: string; challenge: boolean; answer?: string };

function renderForm(deps: Deps, req: Request, res: Response, status: number, view: FormView) {
  const key = deps.store.publicForms.key();
  const nonce = formNonce(req, res);
  const token = issueToken(key, deps.now(), view.challenge, nonce);
  res.status(status).set('Cache-Control', 'no-store').render('site/enquiry-form.njk', {
    ...view, token, question: view.challenge ? challengeOf(key, nonce).question : '', answer: '',
    replyDays: readEnquirySettings(deps.store.settings.getAll()).enquiryReplyDays,
    activeSection: 'zxly', meta: enquiryMeta(siteContext(res).siteInfo, '我要留言', null),
  });
}

export const showEnquiryForm = (deps: Deps, req: Request, res: Response) =>
  renderForm(deps, req, res, 200, { values: valuesOf({}), errors: {}, challenge: isSuspicious(deps, req.ip ?? '', 'enquiry') });

/**
 * Why a post to a public form cannot be taken as a person's (and with which status), or undefined. Checks the
 * token and the cookie, the fill time, the hidden field and, when asked, the arithmetic answer.
 */
function screen(deps: Deps, req: Request, form: string): { status: number; message: string; blocked: boolean } | undefined {
  const key = deps.store.publicForms.key();
  const token = readToken(key, req.body?.token);
  const age = token ? deps.now().getTime() - token.issuedAt : 0;
  if (!token || token.nonce !== readCookie(req, FORM_COOKIE) || age > TOKEN_MAX_AGE_MS) {
    return { status: 403, message: '页面已过期，或浏览器没有启用 Cookie：您填写的内容仍在下面，请再提交一次。', blocked: false };
  }
  if (typeof req.body?.website === 'string' && req.body.website !== '') return { status: 400, message: '提交未成功，请核对后再提交。', blocked: true };
  if (form === 'enquiry' && age < MIN_FILL_MS) return { status: 400, message: '提交太快了：请核对填写的内容后再提交。', blocked: true };
  if (token.challenge || isSuspicious(deps, req.ip ?? '', form)) {
    const given = readAnswer(req.body?.answer);
    // A form shown before the question was needed has none: it is asked now.
    if (!token.challenge || given === undefined) return { status: 400, message: '请回答下面的验证问题后再提交。', blocked: false };
    if (given !== challengeOf(key, token.nonce).answer) return { status: 400, message: '验证问题的答案不对，请重新计算后填写。', blocked: false };
  }
  if (!deps.store.publicForms.useToken(token.signature, deps.now())) {
    return { status: 400, message: '这份表单已经提交过了。如需再提交，请核对下面的内容后再点“提交”。', blocked: false };
  }
  return undefined;
}

export function submitEnquiry(deps: Deps, req: Request, res: Response) {
  const { store, now, config, log } = deps;
  const ip = req.ip ?? '';
  const values = valuesOf(req.body);
  const sender = addressKey(ip);
  const parsed = enquiryForm.safeParse(values);
  // Whatever else is refused, the field errors are shown at once: one round trip fixes everything.
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const refused = screen(deps, req, 'enquiry');
  if (refused) {
    store.publicForms.record(sender, 'enquiry', refused.blocked ? 'blocked' : 'refused', now());
    return renderForm(deps, req, res, refused.status, { values, errors, message: refused.message, challenge: true });
  }
  const day = store.publicForms.countSince(sender, 'enquiry', new Date(now().getTime() - 24 * HOUR_MS)).accepted;
  const hour = store.publicForms.countSince(sender, 'enquiry', new Date(now().getTime() - HOUR_MS)).accepted;
  if (hour >= LIMITS.hour || day >= LIMITS.day) {
    store.publicForms.record(sender, 'enquiry', 'refused', now());
    return renderForm(deps, req, res, 429, {
      values, errors: {}, challenge: true,
      message: `同一网络每小时最多提交 ${LIMITS.hour} 条、每天 ${LIMITS.day} 条留言，请稍后再提交；您填写的内容仍在下面。`,
    });
  }
  if (!parsed.success) return renderForm(deps, req, res, 400, { values, errors, challenge: isSuspicious(deps, ip, 'enquiry') });
  const code = newQueryCode();
  const id = store.transaction(() => {
    const newId = store.enquiries.insert({ ...parsed.data, codeHash: hashQueryCode(code), ip }, now());
    store.publicForms.record(sender, 'enquiry', 'accepted', now());
    const settings = readEnquirySettings(store.settings.getAll());
    const recipients = notifyRecipients(settings);
    if (recipients.length > 0) {
      store.mailQueue.enqueue({
        recipients: recipients.join(', '),
        subject: `【咨询留言】${parsed.data.subject}`,
        body: `${formatPublished(now().toISOString())} 收到新留言：\n\n主题：${parsed.data.subject}\n姓名：${parsed.data.name}\n` +
          `联系方式：${parsed.data.contact}\n同意公开：${parsed.data.mayPublish ? '是' : '否'}\n\n${parsed.data.message}\n\n` +
          `请在 ${settings.enquiryReplyDays} 个工作日内答复：${config.siteUrl}/admin/enquiries/${newId}\n`,
      }, now());
    }
    return newId;
  });
  void sendMailSoon(deps, log);
  // The receipt shows for ten minutes in this browser only (a shared computer's next user should not find it).
  res.cookie(RECEIPT_COOKIE, `${id}.${code}`, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/zxly', maxAge: RECEIPT_MS });
  res.redirect(303, '/zxly/receipt.html');
}

/** The receipt after sending: the query code, shown from the cookie set with the redirect. */
export function showReceipt(deps: Deps, req: Request, res: Response) {
  const [id, code] = (readCookie(req, RECEIPT_COOKIE) ?? '').split('.');
  const enquiry = code && normaliseQueryCode(code) ? deps.store.enquiries.getByCodeHash(hashQueryCode(code)) : undefined;
  if (!enquiry || String(enquiry.id) !== id) throw new HttpError(404, '没有找到留言回执。回执只在提交后的十分钟内、在提交的浏览器中显示；请用查询码查询您的留言。');
  res.set('Cache-Control', 'no-store').render('site/enquiry-receipt.njk', {
    code, enquiry, expectedBy: expectedBy(deps, enquiry), activeSection: 'zxly', meta: enquiryMeta(siteContext(res).siteInfo, '留言已提交', null),
  });
}

function renderLookup(deps: Deps, req: Request, res: Response, status: number, view: { code: string; error?: string; message?: string; enquiry?: Enquiry }) {
  const key = deps.store.publicForms.key();
  const nonce = formNonce(req, res);
  const challenge = isSuspicious(deps, req.ip ?? '', 'lookup');
  res.status(status).set('Cache-Control', 'no-store').render('site/enquiry-lookup.njk', {
    ...view, token: issueToken(key, deps.now(), challenge, nonce), question: challenge ? challengeOf(key, nonce).question : '',
    statusLabel: view.enquiry ? PUBLIC_STATUS_LABELS[view.enquiry.status] : '',
    expectedBy: view.enquiry ? expectedBy(deps, view.enquiry) : '',
    activeSection: 'zxly', meta: enquiryMeta(siteContext(res).siteInfo, '留言查询', null),
  });
}

export const showLookup = (deps: Deps, req: Request, res: Response) => renderLookup(deps, req, res, 200, { code: '' });

export function lookUpEnquiry(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const ip = req.ip ?? '';
  const typed = typeof req.body?.code === 'string' ? String(req.body.code).slice(0, 40) : '';
  const refused = screen(deps, req, 'lookup');
  if (refused) {
    store.publicForms.record(addressKey(ip), 'lookup', refused.blocked ? 'blocked' : 'refused', now());
    return renderLookup(deps, req, res, refused.status, { code: typed, message: refused.message });
  }
  if (store.publicForms.countSince(addressKey(ip), 'lookup', new Date(now().getTime() - HOUR_MS)).accepted >= LIMITS.lookups) {
    return renderLookup(deps, req, res, 429, { code: typed, message: `查询太频繁：同一网络每小时最多查询 ${LIMITS.lookups} 次，请稍后再试。` });
  }
  const code = normaliseQueryCode(typed);
  if (!code) return renderLookup(deps, req, res, 400, { code: typed, error: '查询码为 12 位字母和数字，如 4K7M-Q3XP-9DWA，请核对后再输入' });
  store.publicForms.record(addressKey(ip), 'lookup', 'accepted', now());
  const enquiry = store.enquiries.getByCodeHash(hashQueryCode(code));
  if (!enquiry) {
    return renderLookup(deps, req, res, 404, { code: typed, error: '没有找到这个查询码的留言，请核对后再输入' });
  }
  renderLookup(deps, req, res, 200, { code: typed, enquiry });
}
