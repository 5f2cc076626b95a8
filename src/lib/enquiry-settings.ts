// Settings of 咨询留言: the reply deadline, the default answering department, whether the monthly figures are
// published, and the SMTP server that notifies staff of new messages. Stored with the site settings.
import { z } from 'zod';
import { DEFAULT_REPLY_DAYS, NO_HOLIDAYS, parseHolidays, type HolidayCalendar } from './enquiries.js';

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const optional = <T extends z.ZodType<string>>(schema: T) => z.union([z.literal(''), schema]);
/** Addresses typed in one field, separated by commas, semicolons or spaces (either width). */
const splitEmails = (v: string) => v.split(/[\s,，;；]+/).filter(Boolean);
const emails = text(500).refine((v) => splitEmails(v).every((e) => z.email().safeParse(e).success), '请填写有效的电子邮箱，多个邮箱用逗号分隔');

export const enquirySettingsSchema = z.object({
  enquiryHolidays: text(3000).superRefine((v, ctx) => {
    const read = parseHolidays(v);
    if ('badLine' in read) ctx.addIssue({ code: 'custom', message: `第 ${read.badLine} 行看不懂：每行写一个日期或日期范围和“放假”或“上班”，如 2026-10-01 至 2026-10-08 放假` });
  }),
  enquiryReplyDays: text(2).regex(/^\d{1,2}$/, '请填写 1 到 60 之间的工作日数').refine((v) => Number(v) >= 1 && Number(v) <= 60, '请填写 1 到 60 之间的工作日数'),
  enquiryDepartment: text(50),
  enquiryStatsPublic: z.enum(['0', '1']),
  smtpHost: optional(text(100).regex(/^[A-Za-z0-9.-]+$/, '请填写邮件服务器地址，如 smtp.example.gov.cn')),
  smtpPort: text(5).regex(/^\d{1,5}$/, '端口为数字，如 25、465 或 587').refine((v) => Number(v) >= 1 && Number(v) <= 65535, '端口为 1 到 65535'),
  smtpSecure: z.enum(['0', '1']),
  smtpUser: text(100),
  smtpPassword: text(200),
  smtpFrom: optional(text(100).pipe(z.email('请填写有效的发件邮箱'))),
  notifyEmails: optional(emails),
}).refine((s) => !(s.smtpHost && s.notifyEmails) || s.smtpFrom !== '', { message: '发送通知需要填写发件邮箱', path: ['smtpFrom'] });

export type EnquirySettings = z.infer<typeof enquirySettingsSchema>;
export type EnquirySettingKey = keyof EnquirySettings;
export const enquirySettingKeys = Object.keys(enquirySettingsSchema.shape) as EnquirySettingKey[];

export const defaultEnquirySettings: EnquirySettings = {
  enquiryHolidays: '', enquiryReplyDays: String(DEFAULT_REPLY_DAYS), enquiryDepartment: '', enquiryStatsPublic: '0',
  smtpHost: '', smtpPort: '25', smtpSecure: '0', smtpUser: '', smtpPassword: '', smtpFrom: '', notifyEmails: '',
};

/** Stored values, each falling back to its default when missing or invalid. */
export function readEnquirySettings(stored: Record<string, string>): EnquirySettings {
  const settings = { ...defaultEnquirySettings };
  for (const key of enquirySettingKeys) {
    const result = enquirySettingsSchema.shape[key].safeParse(stored[key]);
    if (key in stored && result.success) (settings as Record<string, string>)[key] = result.data;
  }
  return settings;
}

/** The addresses to notify, when notification is set up at all. */
export const notifyRecipients = (s: EnquirySettings) => (s.smtpHost && s.smtpFrom ? splitEmails(s.notifyEmails) : []);

/** The reply deadline and the holiday calendar it is counted in. */
export function replyRule(s: EnquirySettings): { days: number; calendar: HolidayCalendar } {
  const calendar = parseHolidays(s.enquiryHolidays);
  return { days: Number(s.enquiryReplyDays), calendar: 'badLine' in calendar ? NO_HOLIDAYS : calendar };
}
