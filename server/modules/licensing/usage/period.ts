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
