// Site time is Beijing time (UTC+8, no daylight saving); the database stores UTC ISO-8601.
const OFFSET_MS = 8 * 60 * 60 * 1000;

export type LocalTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Beijing wall-clock parts of a UTC ISO timestamp. */
export function beijingParts(iso: string): LocalTime {
  const t = new Date(Date.parse(iso) + OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

/** UTC ISO timestamp of a Beijing wall-clock time, or undefined for an impossible one (2025-02-30, 24:00). */
export function beijingToIso(local: LocalTime): string | undefined {
  const { year, month, day, hour, minute, second } = local;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  const valid =
    year >= 1900 && year <= 9999 &&
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day &&
    back.getUTCHours() === hour && back.getUTCMinutes() === minute && back.getUTCSeconds() === second;
  return valid ? new Date(ms - OFFSET_MS).toISOString() : undefined;
}

/** 2026-01-09 */
export function formatDate(iso: string): string {
  const t = beijingParts(iso);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** 2026-01-09, or 2026-01-09 10:30 when the time of day is known (not midnight). */
export function formatPublished(iso: string): string {
  const t = beijingParts(iso);
  const date = formatDate(iso);
  return t.hour === 0 && t.minute === 0 ? date : `${date} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** 2026-01-09 10:30, always with the time (government-site PubDate). */
export function formatDateTime(iso: string): string {
  const t = beijingParts(iso);
  return `${formatDate(iso)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** 20260109, as used in article URLs. */
export function compactDate(iso: string): string {
  return formatDate(iso).replaceAll('-', '');
}

/** 2026-01-09T00:00:00+08:00, for <time datetime> and machine-readable dates. */
export function isoBeijing(iso: string): string {
  const t = beijingParts(iso);
  return `${formatDate(iso)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}+08:00`;
}

/** 2026-01-09T10:30, the value of an <input type="datetime-local"> in Beijing time. */
export function toDateTimeLocal(iso: string): string {
  const t = beijingParts(iso);
  return `${formatDate(iso)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/** The UTC ISO time of a datetime-local value read as Beijing time, or undefined when malformed or impossible. */
export function fromDateTimeLocal(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = '0'] = match.slice(1).map((part) => part ?? '0');
  return beijingToIso({
    year: Number(year), month: Number(month), day: Number(day),
    hour: Number(hour), minute: Number(minute), second: Number(second),
  });
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Fri, 09 Jan 2026 00:00:00 +0800: the RFC 822 date of RSS, in Beijing time. */
export function rfc822Beijing(iso: string): string {
  const t = beijingParts(iso);
  const day = new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay();
  return `${DAYS[day]}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${t.year} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} +0800`;
}
