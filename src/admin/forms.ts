// One zod schema per admin form. Fields arrive as strings (or arrays of strings when repeated); trimming and
// number/checkbox coercion happen here, and every message is in Chinese for the person filling the form.
import { z } from 'zod';
import { COLUMN_TYPES } from '../lib/columns.js';
import { fromDateTimeLocal } from '../lib/dates.js';
import { ROLES } from '../lib/review-rules.js';

// Messages zod writes itself (for tampered requests: an array where a field was expected, say) are in Chinese
// too; the environment's config keeps its own English messages, given explicitly.
z.config(z.locales.zhCN());

/** Browsers send a textarea's line breaks as CRLF; Markdown and revision diffs want plain \n. */
const unixNewlines = (value: string) => value.replace(/\r\n?/g, '\n');

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).default('');
const required = (label: string, max: number, verb = '填写') =>
  z.string('请' + verb + label).trim().min(1, `请${verb}${label}`).max(max, `${label}不能超过 ${max} 个字`);
const id = (message: string) => z.string(message).trim().regex(/^[1-9]\d{0,14}$/, message).transform(Number);
const idList = z
  .union([z.string(), z.array(z.string())])
  .default([])
  .transform((value) => [value].flat().filter((v) => /^[1-9]\d{0,14}$/.test(v)).map(Number));
const checkbox = z.union([z.literal('1'), z.literal('on')]).optional().transform((v) => v !== undefined);

/** '' means "not set"; anything else must be a real Beijing date and time. */
const dateTime = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    if (value === '') return null;
    const iso = fromDateTimeLocal(value);
    if (!iso) ctx.addIssue({ code: 'custom', message: '请填写正确的日期和时间，如 2026-01-09 10:30' });
    return iso ?? null;
  });

export const loginForm = z.object({
  username: required('用户名', 100),
  password: z.string('请填写密码').min(1, '请填写密码').max(200, '密码不能超过 200 位'),
  next: z.string().optional(),
});

export const ARTICLE_ACTIONS = ['save', 'preview', 'submit', 'import'] as const;

export const articleForm = z.object({
  title: required('标题', 200),
  subtitle: text('副标题', 200),
  columnId: id('请选择栏目'),
  source: text('来源', 50),
  author: text('作者', 50),
  publishAt: dateTime,
  summary: text('摘要', 300),
  coverImage: z
    .string()
    .trim()
    .max(300)
    .default('')
    .refine((v) => v === '' || /^\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\.[a-z]{3,4}$/.test(v), '封面图片无效，请重新上传'),
  bodyMd: z.string().max(200_000, '正文不能超过 200,000 个字').transform(unixNewlines).refine((v) => v.trim() !== '', '请填写正文'),
  bodyImageAlt: text('图片说明', 100),
  attachmentIds: idList,
  removeAttachmentIds: idList,
  version: z.string().regex(/^\d+$/).transform(Number).optional(),
  action: z.enum(ARTICLE_ACTIONS).default('save'),
});
export type ArticleForm = z.infer<typeof articleForm>;

export const commentForm = z.object({ comment: text('意见', 500) });
export const rejectForm = z.object({ comment: required('退回意见', 500) });
/** A reviewer publishing despite blocking findings: ticked, with a reason. */
export const overrideForm = z.object({
  override: z.literal('1', '本稿有阻止发布的问题：请退回修改，或勾选“忽略这些问题并发布”并写明理由'),
  overrideReason: required('忽略这些问题的理由', 200),
}).transform((v) => ({ overrideReason: v.overrideReason }));

export const articleFilters = z.object({
  column: z.string().regex(/^\d{1,15}$/).transform(Number).optional().catch(undefined),
  status: z.enum(['draft', 'submitted', 'rejected', 'published', 'withdrawn']).optional().catch(undefined),
  author: z.string().regex(/^\d{1,15}$/).transform(Number).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).optional().catch(undefined),
});

const RESERVED_SLUGS = ['zxly', 'admin', 'assets', 'uploads', 'healthz', 'search', 'sitemap', 'feed', 'feeds', 'rss', 'static', 'api', 'robots', 'favicon'];

export const columnForm = z.object({
  name: required('栏目名称', 50),
  slug: required('栏目目录', 30)
    .regex(/^[a-z][a-z0-9]*$/, '栏目目录只能用小写字母和数字，以字母开头，如 gzdt')
    .refine((slug) => !RESERVED_SLUGS.includes(slug), '这个目录名由系统使用，请换一个'),
  parentId: z.string().trim().default('').transform((v) => (/^[1-9]\d*$/.test(v) ? Number(v) : null)),
  description: text('栏目说明', 200),
  sortOrder: z.string().trim().default('0').pipe(z.string().regex(/^-?\d{1,6}$/, '排序请填写整数')).transform(Number),
  isHidden: checkbox,
  columnType: z.enum(COLUMN_TYPES, '请选择栏目类型').default('政务动态'),
  updateDays: z.string().trim().default('').transform((v) => v.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)))
    .refine((v) => v === '' || (/^\d{1,4}$/.test(v) && Number(v) <= 3650), '更新周期请填写 0 到 3650 之间的天数，或留空使用默认值')
    .transform((v) => (v === '' ? null : Number(v))),
  reviewSteps: z
    .string()
    .default('')
    .transform((v) => v.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(10, '每个审核步骤名称不超过 10 个字')).min(1, '至少设置一个审核步骤').max(5, '审核步骤不超过 5 个')),
});

export const pageForm = z.object({
  title: required('页面标题', 50),
  slug: required('页面地址', 30).regex(/^[a-z][a-z0-9]*$/, '页面地址只能用小写字母和数字，以字母开头，如 lxwm')
    .refine((slug) => !RESERVED_SLUGS.includes(slug) && slug !== 'wzdt', '这个地址由系统使用，请换一个'),
  sortOrder: z.string().trim().default('0').pipe(z.string().regex(/^-?\d{1,6}$/, '排序请填写整数')).transform(Number),
  bodyMd: z.string().max(100_000, '内容太长').transform(unixNewlines).refine((v) => v.trim() !== '', '请填写页面内容'),
  showsContact: checkbox,
});

const username = required('用户名', 32).regex(/^[A-Za-z0-9_.-]{2,32}$/, '用户名为 2–32 位字母、数字或 _ . -');
const role = z.enum(ROLES, '请选择角色');

export const newUserForm = z.object({
  username,
  displayName: required('姓名', 50),
  role,
  password: z.string().default(''),
});

export const editUserForm = z.object({
  displayName: required('姓名', 50),
  role,
  isDisabled: checkbox,
});

export const passwordForm = z.object({
  password: z.string('密码无效').default(''),
});

export const accountPasswordForm = z
  .object({
    currentPassword: z.string().min(1, '请填写当前密码'),
    newPassword: z.string().min(1, '请填写新密码'),
    confirmPassword: z.string().min(1, '请再次填写新密码'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: '两次填写的新密码不一致', path: ['confirmPassword'] });

export const auditFilters = z.object({
  action: z.string().regex(/^[a-z._]{1,40}$/).optional().catch(undefined),
  page: z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).optional().catch(undefined),
});
