/**
 * How numbers, dates and countries read in the console. The user's locale decides;
 * tests pass one explicitly so they do not depend on the machine.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "1 customer", "1,234 customers". */
export function countOf(value: number, noun: { one: string; other: string }, locale?: string): string {
  return `${formatCount(value, locale)} ${value === 1 ? noun.one : noun.other}`;
}

export function formatDateTime(ms: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatDate(ms: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
}

const STEPS: [limit: number, unit: Intl.RelativeTimeFormatUnit, size: number][] = [
  [MINUTE, 'second', SECOND],
  [HOUR, 'minute', MINUTE],
  [DAY, 'hour', HOUR],
  [7 * DAY, 'day', DAY],
  [30 * DAY, 'week', 7 * DAY],
  [365 * DAY, 'month', 30 * DAY],
  [Infinity, 'year', 365 * DAY],
];

/** "just now", "5 minutes ago", "yesterday", "in 3 days": coarse on purpose, the exact time sits beside it. */
export function relativeTime(ms: number, now: number, locale?: string): string {
  const diff = ms - now;
  const distance = Math.abs(diff);
  if (distance < 45 * SECOND) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [limit, unit, size] of STEPS) {
    if (distance < limit) return format.format(Math.round(diff / size), unit);
  }
  return format.format(Math.round(diff / (365 * DAY)), 'year');
}

const countryNames = new Map<string, Intl.DisplayNames>();

/** The country's name in the user's language ("Germany" for DE); the code itself if unknown. */
export function countryName(code: string, locale?: string): string {
  const key = locale ?? '';
  let names = countryNames.get(key);
  if (!names) {
    names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region', fallback: 'code' });
    countryNames.set(key, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** 1.4 MB, 812 kB: a file's size as people read it (decimal units, as disks are sold). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
