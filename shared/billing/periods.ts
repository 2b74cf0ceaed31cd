/**
 * Billing periods in calendar months or years, anchored on the subscription's anchor:
 * every boundary is the anchor plus n intervals with the anchor's day of month clamped
 * to the month's end (an anchor on the 31st bills on Feb 28/29, then Mar 31). Each
 * boundary is computed from the anchor, never from the previous boundary, so clamping
 * never drifts (Jan 31 → Feb 28 → Mar 31, not Mar 28). All in UTC.
 */

export const BILLING_INTERVALS = ['month', 'year'] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

export interface Period {
  /** Which period this is: 0 starts at the anchor. */
  index: number;
  start: number;
  end: number;
}

const MONTHS_PER: Record<BillingInterval, number> = { month: 1, year: 12 };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The anchor moved forward by `count` intervals (count may be 0 or negative). */
export function boundary(anchor: number, interval: BillingInterval, count: number): number {
  const a = new Date(anchor);
  const months = a.getUTCMonth() + count * MONTHS_PER[interval];
  const year = a.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const day = Math.min(a.getUTCDate(), daysInMonth(year, month));
  return Date.UTC(
    year,
    month,
    day,
    a.getUTCHours(),
    a.getUTCMinutes(),
    a.getUTCSeconds(),
    a.getUTCMilliseconds(),
  );
}

/** The period (of those starting at the anchor) that contains `at`; `at` before the anchor is an error. */
export function periodAt(anchor: number, interval: BillingInterval, at: number): Period {
  if (at < anchor) throw new RangeError('a time before the billing anchor has no period');
  const a = new Date(anchor);
  const t = new Date(at);
  const monthsApart = (t.getUTCFullYear() - a.getUTCFullYear()) * 12 + (t.getUTCMonth() - a.getUTCMonth());
  let index = Math.max(0, Math.floor(monthsApart / MONTHS_PER[interval]) - 1);
  while (boundary(anchor, interval, index + 1) <= at) index++;
  return { index, start: boundary(anchor, interval, index), end: boundary(anchor, interval, index + 1) };
}

/** The period right after one that ends at `periodEnd`. */
export function nextPeriod(anchor: number, interval: BillingInterval, periodEnd: number): Period {
  return periodAt(anchor, interval, periodEnd);
}

export const DAY_MS = 86_400_000;

/** `days` whole days after `at` (trials are counted in days, like Stripe's trial_period_days). */
export function addDays(at: number, days: number): number {
  return at + days * DAY_MS;
}
