import { periodAt, type BillingInterval } from '../../../../shared/billing/periods';

/**
 * The billing period usage counts in (license_usage.period): the calendar month 'YYYY-MM'
 * (UTC) of the moment, or, for a license tied to a subscription, the subscription's period
 * containing it, named by its start 'YYYY-MM-DDTHH:mm' (UTC). A moment before the
 * subscription's anchor has no period of it and counts in its calendar month.
 */

export interface BillingCycle {
  anchor: number;
  interval: BillingInterval;
}

export function usagePeriodOf(cycle: BillingCycle | null, at: number): string {
  if (cycle === null || at < cycle.anchor) return new Date(at).toISOString().slice(0, 7);
  return new Date(periodAt(cycle.anchor, cycle.interval, at).start).toISOString().slice(0, 16);
}

/** The moments [from, to) that `usagePeriodOf(cycle, at)` names: a cached view stays of its period inside them. */
export function usagePeriodSpan(cycle: BillingCycle | null, at: number): { from: number; to: number } {
  if (cycle === null || at < cycle.anchor) {
    const day = new Date(at);
    const from = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
    const to = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
    // A month that straddles the anchor ends at it: the subscription's first period starts there.
    return { from, to: cycle !== null && cycle.anchor < to ? cycle.anchor : to };
  }
  const period = periodAt(cycle.anchor, cycle.interval, at);
  return { from: period.start, to: period.end };
}
