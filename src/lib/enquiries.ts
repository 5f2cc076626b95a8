// 咨询留言: the statuses of a reader's message, its query code, its reply deadline in working days, and what of it
// may be shown in public.
import { createHash, randomInt } from 'node:crypto';
import { applyMasks, findPersonalData } from './checks/personal-data.js';
import { beijingParts, beijingToIso } from './dates.js';

export const ENQUIRY_STATUSES = ['new', 'processing', 'answered', 'private', 'spam'] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

export const ENQUIRY_STATUS_LABELS: Record<EnquiryStatus, string> = {
  new: '新留言', processing: '处理中', answered: '已答复', private: '不予公开', spam: '垃圾',
};

/** What the writer sees when looking up their message. */
export const PUBLIC_STATUS_LABELS: Record<EnquiryStatus, string> = {
  new: '已收到，等待办理', processing: '正在办理', answered: '已答复', private: '已答复（不公开）', spam: '未受理',
};

/** The history of a message as staff read it. */
export const ENQUIRY_EVENT_LABELS = { received: '收到留言', status: '更改状态', assign: '指定经办人', note: '内部备注', answer: '答复' } as const;

/** Answered messages per page of the public list. */
export const ENQUIRY_PAGE_SIZE = 10;

/** Address of page `page` of the public list: /zxly/, then /zxly/index_1.html for page 2, like a column's. */
export const enquiryListPath = (page: number) => (page <= 1 ? '/zxly/' : `/zxly/index_${page - 1}.html`);

/** Messages still waiting for an answer. */
export const OPEN_STATUSES: readonly EnquiryStatus[] = ['new', 'processing'];

/** Letters and digits hard to miscopy by hand (no I/1/L, O/0, S/5, Z/2, B/8): 27^12 ≈ 1.5 × 10^17 codes. */
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3456789';

/** A new query code, shown as 4K7M-Q3XP-9DWA. */
export function newQueryCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Full-width letters and digits (as Chinese input methods type them) as ASCII. */
export const halfWidth = (text: string) => text.replace(/[０-９Ａ-Ｚａ-ｚ＋－（）＠．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** The code as typed (any case, with or without dashes and spaces), or undefined if it cannot be one. */
export function normaliseQueryCode(typed: string): string | undefined {
  const code = halfWidth(typed).toUpperCase().replace(/[\s\-—]/g, '');
  return new RegExp(`^[${CODE_ALPHABET}]{12}$`).test(code) ? code : undefined;
}

/** What is stored: a leaked database gives nobody a way to look messages up. */
export const hashQueryCode = (code: string) => createHash('sha256').update(normaliseQueryCode(code) ?? code).digest('hex');

export const DEFAULT_REPLY_DAYS = 15;
/** A message unanswered this long is an alarm, whatever the deadline says. */
export const ALARM_DAYS = 60;
/** The warning before the deadline starts this many working days ahead. */
const WARN_WORKING_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Statutory holidays and the weekend days worked in their place (调休), as the State Council announces them each
 * year: dates as YYYY-MM-DD. Without them only Saturdays and Sundays are days off.
 */
export type HolidayCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };
export const NO_HOLIDAYS: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

const DATE_RANGE = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|~|～|—|-{1,2})\s*(\d{4}-\d{2}-\d{2}))?\s*(放假|休息?|上班|班)$/;

/**
 * The calendar from the settings' lines, each a date or a range and what it is: 2026-10-01 至 2026-10-08 放假,
 * 2026-09-27 上班. Returns the calendar, or the first line it cannot read (1-based).
 */
export function parseHolidays(text: string): HolidayCalendar | { badLine: number } {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const m = DATE_RANGE.exec(halfWidth(line.trim()));
    const [from, to] = m ? [Date.parse(`${m[1]}T00:00:00Z`), Date.parse(`${m[2] ?? m[1]}T00:00:00Z`)] : [NaN, NaN];
    if (!m || Number.isNaN(from) || Number.isNaN(to) || to < from || to - from > 31 * DAY_MS) return { badLine: i + 1 };
    for (let t = from; t <= to; t += DAY_MS) (m[3]!.includes('班') ? workdays : holidays).add(new Date(t).toISOString().slice(0, 10));
  }
  return { holidays, workdays };
}

function isWorkingDay(date: Date, calendar: HolidayCalendar): boolean {
  const day = date.toISOString().slice(0, 10);
  if (calendar.workdays.has(day)) return true;
  return !calendar.holidays.has(day) && ![0, 6].includes(date.getUTCDay());
}

/** The Beijing date of `iso` as a UTC midnight, for counting days. */
const beijingDay = (iso: string) => {
  const t = beijingParts(iso);
  return Date.UTC(t.year, t.month - 1, t.day);
};

/** The end (Beijing time) of the `days`-th working day after the day `receivedAt` falls on. */
export function replyDeadline(receivedAt: string, days: number, calendar = NO_HOLIDAYS): string {
  const date = new Date(beijingDay(receivedAt));
  for (let left = days; left > 0;) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(date, calendar)) left--;
  }
  return beijingToIso({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 23, minute: 59, second: 59 })!;
}

/** Working days after the day of `from` up to and including the day of `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string, calendar = NO_HOLIDAYS): number {
  let count = 0;
  for (let t = beijingDay(from) + DAY_MS; t <= beijingDay(to); t += DAY_MS) if (isWorkingDay(new Date(t), calendar)) count++;
  return count;
}

export type DeadlineState = { state: 'ok' | 'due' | 'overdue' | 'alarm'; deadline: string; workingDaysLeft: number; daysOpen: number };

/** Where an unanswered message stands against its deadline. */
export function deadlineState(receivedAt: string, replyDays: number, now: Date, calendar = NO_HOLIDAYS): DeadlineState {
  const deadline = replyDeadline(receivedAt, replyDays, calendar);
  const daysOpen = Math.floor((now.getTime() - Date.parse(receivedAt)) / DAY_MS);
  const workingDaysLeft = workingDaysBetween(now.toISOString(), deadline, calendar);
  const state = daysOpen >= ALARM_DAYS ? 'alarm' : now.toISOString() > deadline ? 'overdue' : workingDaysLeft <= WARN_WORKING_DAYS ? 'due' : 'ok';
  return { state, deadline, workingDaysLeft, daysOpen };
}

/** 张三 → 张*, 欧阳明华 → 欧***: the public list names nobody. */
export const maskName = (name: string) => {
  const chars = [...name.trim()];
  return chars.length === 0 ? '网友' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
};

/**
 * Published text with personal data masked: what the checks recognise (full-width digits too), any other run of
 * eleven or more digits (an ID number with a wrong check digit, say), and the writer's own name and contact where
 * the text repeats them. Aggressive on purpose: a masked number in a public answer costs little, a leaked one a lot.
 */
export function maskPersonalData(text: string, writer: { name?: string; contact?: string } = {}): string {
  const digits = (v: string) => v.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let masked = digits(text);
  masked = applyMasks(masked, findPersonalData(masked, Infinity));
  masked = masked.replace(/\d(?:[ -]?\d){10,}/g, (run) => run.replace(/\d/g, (d, i: number) => (i < 3 || i >= run.length - 4 ? d : '*')));
  const [name, contact] = [digits(writer.name ?? '').trim(), digits(writer.contact ?? '').trim()];
  if ([...contact].length >= 2) masked = masked.split(contact).join('*'.repeat([...contact].length));
  if ([...name].length >= 2) masked = masked.split(name).join(maskName(name));
  return masked;
}
