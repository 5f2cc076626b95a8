// Whether columns and the home page are updated in time (栏目不更新 and 空白栏目 fail a government site): each
// column's expected interval, and a warning well before it runs out.
import type { ColumnNode } from './columns.js';

/** Intervals by column type when a column sets none; other types are not expected to change on a schedule. */
export const DEFAULT_UPDATE_DAYS: Record<string, number> = { 政务动态: 14, 通知公告: 180 };
export const HOME_UPDATE_DAYS = 14;
/** The warning starts when this share of the interval is left (4 days of 14, 54 of 180). */
const WARN_SHARE = 0.3;
const DAY_MS = 24 * 60 * 60 * 1000;

export type FreshnessState = 'ok' | 'due' | 'overdue' | 'empty' | 'free';

export type Freshness = { state: FreshnessState; days: number | null; lastUpdate: string | null; daysLeft: number };

/** The interval a column is held to: its own, else its type's; null (also for 0) when none. */
export const updateDaysOf = (column: { updateDays: number | null; columnType: string }): number | null =>
  (column.updateDays ?? DEFAULT_UPDATE_DAYS[column.columnType] ?? 0) || null;

export function freshness(lastUpdate: string | null, days: number | null, now: Date): Freshness {
  if (lastUpdate === null) return { state: 'empty', days, lastUpdate, daysLeft: 0 };
  if (days === null) return { state: 'free', days, lastUpdate, daysLeft: 0 };
  const leftMs = days * DAY_MS - (now.getTime() - Date.parse(lastUpdate));
  const daysLeft = Math.ceil(leftMs / DAY_MS);
  const state = leftMs < 0 ? 'overdue' : leftMs <= days * DAY_MS * WARN_SHARE ? 'due' : 'ok';
  return { state, days, lastUpdate, daysLeft };
}

/** The latest publication in the node or any column under it. */
export function latestIn<C extends { id: number; parentId: number | null; slug: string; isHidden: boolean }>(
  node: ColumnNode<C>, latest: Map<number, string>,
): string | null {
  return [latest.get(node.id) ?? null, ...node.children.map((child) => latestIn(child, latest))]
    .reduce<string | null>((max, t) => (t !== null && (max === null || t > max) ? t : max), null);
}
