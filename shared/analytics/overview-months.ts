/**
 * Calendar months as the Overview names them: 'YYYY-MM' in UTC. Month arithmetic is done on
 * a month index (year × 12 + month) so it never meets a time zone or a day count.
 */

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a 'YYYY-MM' month from 1970-01 on. */
export function isMonth(text: string): boolean {
  const match = MONTH_PATTERN.exec(text);
  return match !== null && Number(match[1]) >= 1970;
}

function indexOf(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`"${month}" is not a month (YYYY-MM)`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthAt(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  return monthAt(indexOf(month) + count);
}

/** How many months from `from` to `to`, both counted ('2026-01'…'2026-03' → 3; reversed → ≤ 0). */
export function monthCount(from: string, to: string): number {
  return indexOf(to) - indexOf(from) + 1;
}

/** Every month from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, monthCount(from, to)) }, (_, i) => addMonths(from, i));
}

/** The month holding a UTC moment. */
export function monthOfTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** The last day of the month, 'YYYY-MM-DD': the day whose rates convert the MRR at its end. */
export function lastDayOf(month: string): string {
  const index = indexOf(month) + 1;
  const day = new Date(Date.UTC(Math.floor(index / 12), index % 12, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The first moment of the month and of the one after it, UTC epoch milliseconds. */
export function monthBounds(month: string): { start: number; end: number } {
  const index = indexOf(month);
  return {
    start: Date.UTC(Math.floor(index / 12), index % 12, 1),
    end: Date.UTC(Math.floor((index + 1) / 12), (index + 1) % 12, 1),
  };
}
