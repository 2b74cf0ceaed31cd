import { subscriptionValue, type MrrInterval } from '../../../shared/analytics/mrr-rules';
import { newId } from '../../../shared/ids';
import type { StateRow } from './states-repo';

/**
 * The value states a subscription would have been given had the incremental path (record.ts)
 * seen its history: the same effective times (an end at `ended_at`, never before the previous
 * state), the same past-due start, and a state only where a fact that matters changed. Pure:
 * the history is read by backfill-history.ts.
 */

/** The cause of every backfilled state: its id names the audit entry (or the subscription) it came from. */
export const BACKFILL_CAUSE = 'backfill';

/** One moment of a subscription's history, as the incremental path would have been told it. */
export interface HistoryStep {
  customerId: string;
  planId: string;
  priceId: string;
  quantity: number;
  currency: string;
  status: string;
  endedAt: number | null;
  /** When the write happened (the snapshot's update time). */
  at: number;
  /** What the step was read from: an audit entry's id, or the subscription's for its row. */
  sourceId: string;
}

export interface BackfillPricing {
  prices: ReadonlyMap<string, { amount: number; interval: MrrInterval }>;
  countries: ReadonlyMap<string, string>;
}

export interface BackfillSubscription {
  id: string;
  source: 'tollgate' | 'stripe';
  steps: readonly HistoryStep[];
}

/** The facts that decide a value and its classification (as record.ts compares them). */
const RELEVANT = [
  'status',
  'currency',
  'plan_id',
  'price_id',
  'interval',
  'quantity',
  'mrr',
  'past_due_since',
] as const;

const counts = (status: string) => status === 'active' || status === 'past_due';

/** The states of one subscription, in order; seq is left for the caller to number per customer. */
export function statesOfSubscription(
  tenantId: string,
  subscription: BackfillSubscription,
  pricing: BackfillPricing,
): Omit<StateRow, 'seq'>[] {
  const states: Omit<StateRow, 'seq'>[] = [];
  for (const step of subscription.steps) {
    const price = pricing.prices.get(step.priceId);
    // A snapshot naming a price the workspace no longer has cannot be valued: history skips it.
    if (!price) continue;
    const previous = states.at(-1);
    const written = !counts(step.status) && step.endedAt !== null ? step.endedAt : step.at;
    const at = Math.max(written, previous?.effective_at ?? -Infinity);
    const wasPastDue = previous?.status === 'past_due';
    const next = {
      status: step.status,
      currency: step.currency,
      plan_id: step.planId,
      price_id: step.priceId,
      interval: price.interval,
      quantity: step.quantity,
      mrr: subscriptionValue(step.status, price.amount, step.quantity, price.interval),
      past_due_since: step.status === 'past_due' ? (wasPastDue ? previous.past_due_since : at) : null,
    };
    if (previous && RELEVANT.every((key) => previous[key] === next[key])) continue;
    states.push({
      ...next,
      id: newId('mrs', at),
      tenant_id: tenantId,
      subscription_id: subscription.id,
      customer_id: step.customerId,
      effective_at: at,
      source: subscription.source,
      country: pricing.countries.get(step.customerId) ?? '',
      cause_type: BACKFILL_CAUSE,
      cause_id: step.sourceId,
      // As the incremental path records it: the moment of the write.
      recorded_at: step.at,
    });
  }
  return states;
}

/**
 * Numbers one customer's new states after the `maxSeq` it already has, in the order they
 * happened (time, then the moment written, then the order given), as the incremental path's
 * seq would have followed the writes.
 */
export function numberStates(states: readonly Omit<StateRow, 'seq'>[], maxSeq: number): StateRow[] {
  const ordered = states
    .map((state, order) => ({ state, order }))
    .sort(
      (a, b) =>
        a.state.effective_at - b.state.effective_at ||
        a.state.recorded_at - b.state.recorded_at ||
        a.order - b.order,
    );
  return ordered.map(({ state }, i) => ({ ...state, seq: maxSeq + i + 1 }));
}
