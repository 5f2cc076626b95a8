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

/** Letters and digits that cannot be confused (no I, L, O, 0, 1): 31^12 ≈ 8 × 10^17 codes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A new query code, shown as 4K7M-Q2XP-9DWA. */
export function newQueryCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The code as typed (any case, with or without dashes and spaces), or undefined if it cannot be one. */
export function normaliseQueryCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s\-－—]/g, '');
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

const isWorkingDay = (y: number, m: number, d: number) => ![0, 6].includes(new Date(Date.UTC(y, m - 1, d)).getUTCDay());

/** The end (Beijing time) of the `days`-th working day after the day `receivedAt` falls on (Saturdays and Sundays do not count). */
export function replyDeadline(receivedAt: string, days: number): string {
  const { year, month, day } = beijingParts(receivedAt);
  const date = new Date(Date.UTC(year, month - 1, day));
  for (let left = days; left > 0;) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) left--;
  }
  return beijingToIso({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 23, minute: 59, second: 59 })!;
}

/** Working days after the day of `from` up to and including the day of `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const t = beijingParts(iso);
    return Date.UTC(t.year, t.month - 1, t.day);
  };
  let count = 0;
  for (let t = day(from) + DAY_MS; t <= day(to); t += DAY_MS) {
    const date = new Date(t);
    if (isWorkingDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) count++;
  }
  return count;
}

export type DeadlineState = { state: 'ok' | 'due' | 'overdue' | 'alarm'; deadline: string; workingDaysLeft: number; daysOpen: number };

/** Where an unanswered message stands against its deadline. */
export function deadlineState(receivedAt: string, replyDays: number, now: Date): DeadlineState {
  const deadline = replyDeadline(receivedAt, replyDays);
  const daysOpen = Math.floor((now.getTime() - Date.parse(receivedAt)) / DAY_MS);
  const workingDaysLeft = workingDaysBetween(now.toISOString(), deadline);
  const state = daysOpen >= ALARM_DAYS ? 'alarm' : now.toISOString() > deadline ? 'overdue' : workingDaysLeft <= WARN_WORKING_DAYS ? 'due' : 'ok';
  return { state, deadline, workingDaysLeft, daysOpen };
}

/** 张三 → 张*, 欧阳明华 → 欧***: the public list names nobody. */
export const maskName = (name: string) => {
  const chars = [...name.trim()];
  return chars.length === 0 ? '网友' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
};

/** Published text with any personal data in it masked (an ID or phone number written into the question, say). */
export const maskPersonalData = (text: string) => applyMasks(text, findPersonalData(text));
