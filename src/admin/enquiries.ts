// 咨询留言 in the admin: the inbox with deadlines, one message with its history, assignment, internal notes and the
// answer, the monthly figures, and the settings (deadline, department, publishing the figures, SMTP notification).
import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { MAX_MAIL_ATTEMPTS } from '../content/mailer.js';
import { deadlineState, ENQUIRY_STATUS_LABELS, ENQUIRY_STATUSES, maskPersonalData, OPEN_STATUSES, type EnquiryStatus } from '../lib/enquiries.js';
import { enquirySettingKeys, enquirySettingsSchema, readEnquirySettings, replyRule, type EnquirySettings } from '../lib/enquiry-settings.js';
import { paginate } from '../lib/pagination.js';
import { readSettings } from '../lib/site-settings.js';
import type { Enquiry } from '../store/enquiries.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { adminContext, flash } from '../web/session.js';

const PER_PAGE = 30;
const statuses = ENQUIRY_STATUSES.map((value) => ({ value, label: ENQUIRY_STATUS_LABELS[value] }));
const statusEnum = z.enum(ENQUIRY_STATUSES, '请选择状态');

const inboxQuery = z.object({
  status: statusEnum.optional().catch(undefined),
  view: z.enum(['open', 'mine', 'all']).optional().catch(undefined),
  page: z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).optional().catch(undefined),
});

/** Each message with where it stands against its deadline (answered ones have none). */
export function withDeadlines(deps: Deps, enquiries: Enquiry[]) {
  const { days, calendar } = replyRule(readEnquirySettings(deps.store.settings.getAll()));
  return enquiries.map((e) => ({ ...e, deadline: OPEN_STATUSES.includes(e.status) ? deadlineState(e.createdAt, days, deps.now(), calendar) : undefined }));
}

export function showInbox(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const query = inboxQuery.parse(req.query);
  const view = query.view ?? (query.status ? 'all' : 'open');
  const filters = { status: query.status, open: view === 'open', assignedTo: view === 'mine' ? adminContext(res).user!.id : undefined };
  const pagination = paginate(store.enquiries.count(filters), query.page ?? 1, PER_PAGE);
  if (!pagination) throw notFound(`没有第 ${query.page} 页。`);
  res.render('admin/enquiries.njk', {
    enquiries: withDeadlines(deps, store.enquiries.list(filters, pagination.limit, pagination.offset)),
    counts: store.enquiries.countByStatus(),
    stats: store.enquiries.lastTwelveMonths(now()),
    pagination, query, view, statuses, statusLabels: ENQUIRY_STATUS_LABELS,
    pageQuery: new URLSearchParams(Object.entries({ status: query.status ?? '', view }).filter(([, v]) => v)).toString(),
  });
}

function loadEnquiry({ store }: Deps, req: Request): Enquiry {
  const enquiry = /^[1-9]\d{0,14}$/.test(String(req.params.id)) ? store.enquiries.getById(Number(req.params.id)) : undefined;
  if (!enquiry) throw notFound('留言不存在。');
  return enquiry;
}

type View = { values?: Record<string, string>; errors?: Record<string, string> };

function renderEnquiry(deps: Deps, res: Response, status: number, enquiry: Enquiry, view: View = {}) {
  const { store } = deps;
  const settings = readEnquirySettings(store.settings.getAll());
  res.status(status).render('admin/enquiry.njk', {
    enquiry: withDeadlines(deps, [enquiry])[0],
    events: store.enquiries.events(enquiry.id),
    users: store.users.listAll().filter((u) => !u.isDisabled).map((u) => ({ value: String(u.id), label: u.displayName })),
    // 已答复 and 不予公开 come with an answer: the answer form sets them; here only once there is one.
    statuses: statuses.filter((s) => enquiry.answeredAt !== null || !ANSWERED.includes(s.value)),
    statusLabels: ENQUIRY_STATUS_LABELS,
    values: {
      answer: enquiry.answer,
      department: enquiry.answerDepartment || settings.enquiryDepartment || readSettings(store.settings.getAll()).settings.sponsor,
      publish: enquiry.status === 'private' || !enquiry.mayPublish ? 'private' : 'answered',
      // What readers would see: the edited question, else the writer's own with personal data masked.
      publicSubject: enquiry.publicSubject || maskPersonalData(enquiry.subject, enquiry),
      publicMessage: enquiry.publicMessage || maskPersonalData(enquiry.message, enquiry),
      note: '', status: enquiry.status, assignee: String(enquiry.assignedTo ?? ''),
      ...view.values,
    },
    errors: view.errors ?? {},
  });
}

export const showEnquiryAdmin = (deps: Deps, req: Request, res: Response) => renderEnquiry(deps, res, 200, loadEnquiry(deps, req));

const back = (res: Response, id: number) => res.redirect(303, `/admin/enquiries/${id}`);

const statusForm = z.object({ status: statusEnum });
const ANSWERED: readonly EnquiryStatus[] = ['answered', 'private'];

export function changeStatus(deps: Deps, req: Request, res: Response) {
  const enquiry = loadEnquiry(deps, req);
  const parsed = statusForm.safeParse(req.body);
  if (!parsed.success) return renderEnquiry(deps, res, 422, enquiry, { errors: fieldErrors(parsed.error) });
  const status: EnquiryStatus = parsed.data.status;
  if (ANSWERED.includes(status) && enquiry.answeredAt === null) {
    return renderEnquiry(deps, res, 422, enquiry, { errors: { status: `“${ENQUIRY_STATUS_LABELS[status]}”须先填写答复：请在下面的答复栏中答复` } });
  }
  const detail = `${ENQUIRY_STATUS_LABELS[enquiry.status]} → ${ENQUIRY_STATUS_LABELS[status]}`;
  const changed = deps.store.transaction(() => {
    const done = deps.store.enquiries.setStatus(enquiry.id, status, adminContext(res).user!.id, detail, deps.now());
    if (done) audit(deps, req, res, 'enquiry.status', `enquiry:${enquiry.id}`, `${enquiry.subject}：${detail}`);
    return done;
  });
  flash(deps, res, changed ? `状态已改为“${ENQUIRY_STATUS_LABELS[status]}”。` : '状态没有变化。');
  back(res, enquiry.id);
}

const assignForm = z.object({ assignee: z.string().trim().regex(/^(|[1-9]\d{0,14})$/, '请选择经办人') });

export function assignEnquiry(deps: Deps, req: Request, res: Response) {
  const { store } = deps;
  const enquiry = loadEnquiry(deps, req);
  const parsed = assignForm.safeParse(req.body);
  const assignee = parsed.success && parsed.data.assignee ? store.users.getById(Number(parsed.data.assignee)) : undefined;
  if (!parsed.success || (parsed.data.assignee && (!assignee || assignee.isDisabled))) {
    return renderEnquiry(deps, res, 422, enquiry, { errors: { assignee: '请选择经办人' } });
  }
  const detail = assignee ? `交给 ${assignee.displayName} 办理` : '取消经办人';
  store.transaction(() => {
    store.enquiries.assign(enquiry.id, assignee?.id ?? null, adminContext(res).user!.id, detail, deps.now());
    audit(deps, req, res, 'enquiry.assign', `enquiry:${enquiry.id}`, `${enquiry.subject}：${detail}`);
  });
  flash(deps, res, `已${detail}。`);
  back(res, enquiry.id);
}

const noteForm = z.object({ note: z.string('请填写备注').trim().min(1, '请填写备注').max(1000, '备注不能超过 1000 个字') });

export function addNote(deps: Deps, req: Request, res: Response) {
  const enquiry = loadEnquiry(deps, req);
  const parsed = noteForm.safeParse(req.body);
  if (!parsed.success) return renderEnquiry(deps, res, 422, enquiry, { values: { note: String(req.body?.note ?? '') }, errors: fieldErrors(parsed.error) });
  deps.store.transaction(() => {
    deps.store.enquiries.addNote(enquiry.id, adminContext(res).user!.id, parsed.data.note, deps.now());
    audit(deps, req, res, 'enquiry.note', `enquiry:${enquiry.id}`, enquiry.subject);
  });
  flash(deps, res, '已添加内部备注（只有工作人员能看到）。');
  back(res, enquiry.id);
}

const answerForm = z.object({
  publicSubject: z.string().trim().max(60, '公开的主题不能超过 60 个字').default(''),
  publicMessage: z.string().trim().max(3000, '公开的留言内容不能超过 3000 个字').default('').transform((v) => v.replace(/\r\n?/g, '\n')),
  answer: z.string('请填写答复').trim().min(1, '请填写答复').max(5000, '答复不能超过 5000 个字').transform((v) => v.replace(/\r\n?/g, '\n')),
  department: z.string().trim().min(1, '请填写答复单位').max(50, '答复单位不能超过 50 个字'),
  publish: z.enum(['answered', 'private'], '请选择是否公开'),
});

export function answerEnquiry(deps: Deps, req: Request, res: Response) {
  const enquiry = loadEnquiry(deps, req);
  const values = Object.fromEntries(['answer', 'department', 'publish', 'publicSubject', 'publicMessage']
    .map((k) => [k, typeof req.body?.[k] === 'string' ? String(req.body[k]) : '']));
  const parsed = answerForm.safeParse(values);
  if (!parsed.success) return renderEnquiry(deps, res, 422, enquiry, { values, errors: fieldErrors(parsed.error) });
  const { answer, department, publish, publicSubject, publicMessage } = parsed.data;
  const shown = publish === 'answered' && enquiry.mayPublish;
  const detail = `${enquiry.answeredAt ? '修改答复' : '答复'}（${department}）${shown ? '，公开' : '，不公开'}`;
  deps.store.transaction(() => {
    deps.store.enquiries.answer(enquiry.id, { answer, department, status: publish, publicSubject, publicMessage }, adminContext(res).user!.id, detail, deps.now());
    audit(deps, req, res, 'enquiry.answer', `enquiry:${enquiry.id}`, `${enquiry.subject}：${detail}`);
  });
  flash(deps, res, shown ? '已答复，留言和答复已在网站“咨询留言”中公开。' : '已答复。留言人可凭查询码查看答复；这条留言不在网站上公开。');
  back(res, enquiry.id);
}

/** The settings form's values: the stored password is never sent back to the browser. */
const settingValues = (settings: EnquirySettings) => ({ ...settings, smtpPassword: '' });

function renderSettings(deps: Deps, res: Response, status: number, values: Record<string, string>, errors: Record<string, string> = {}) {
  res.status(status).render('admin/enquiry-settings.njk', {
    values, errors, hasPassword: readEnquirySettings(deps.store.settings.getAll()).smtpPassword !== '', mail: deps.store.mailQueue.status(MAX_MAIL_ATTEMPTS),
  });
}

export const showEnquirySettings = (deps: Deps, _req: Request, res: Response) =>
  renderSettings(deps, res, 200, settingValues(readEnquirySettings(deps.store.settings.getAll())));

export function saveEnquirySettings(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const stored = readEnquirySettings(store.settings.getAll());
  const body = (req.body ?? {}) as Record<string, unknown>;
  const typed = Object.fromEntries(enquirySettingKeys.map((k) => [k, typeof body[k] === 'string' ? String(body[k]) : ''])) as Record<string, string>;
  typed.enquiryStatsPublic = body.enquiryStatsPublic ? '1' : '0';
  typed.smtpSecure = body.smtpSecure ? '1' : '0';
  // An empty password field keeps the stored one; 清除密码 removes it.
  typed.smtpPassword = body.clearPassword ? '' : typed.smtpPassword || stored.smtpPassword;
  const parsed = enquirySettingsSchema.safeParse(typed);
  if (!parsed.success) return renderSettings(deps, res, 422, { ...typed, smtpPassword: '' }, fieldErrors(parsed.error));
  const changed = enquirySettingKeys.filter((k) => parsed.data[k] !== stored[k]);
  store.transaction(() => {
    store.settings.setMany(parsed.data, now());
    // Mail that gave up under the old settings gets another chance under the new ones.
    if (changed.some((k) => k.startsWith('smtp'))) store.mailQueue.retryFailed(now());
    audit(deps, req, res, 'enquiry.settings', '', changed.join(', '));
  });
  flash(deps, res, changed.length > 0 ? '留言设置已保存。' : '没有修改。');
  res.redirect(303, '/admin/enquiries/settings');
}
