import type { Kysely } from 'kysely';
import { deriveMovements, subscriptionValue } from '../../../shared/analytics/mrr-rules';
import { newId } from '../../../shared/ids';
import { dialectOf } from '../../db/dialect';
import { serializeOn } from '../../db/locks';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';
import { applyMovementDiff, diffMovements, toMovementRow } from './movements';
import { ratesForMovements } from './day-rates';
import { DEFAULT_REPORTING_CURRENCY } from './settings-repo';
import {
  billingEventAt,
  insertState,
  latestStateOf,
  movementsOfCustomer,
  pricingOf,
  statesOfCustomer,
  toMrrState,
  type StateRow,
} from './states-repo';
import type { MrrCause, SubscriptionWrite } from '../billing';

// Billing declares the write and its cause (its MRR port); analytics implements the port.
export type { MrrCause, SubscriptionWrite };

/** The facts that decide a subscription's value and how its movements are classified. */
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

/** Access ends when the subscription does: a cancel at period end churns at the period end. */
function effectiveAt(write: SubscriptionWrite, cause: MrrCause | undefined): number {
  const counting = write.status === 'active' || write.status === 'past_due';
  if (!counting && write.endedAt !== null) return write.endedAt;
  return cause?.at ?? write.updatedAt;
}

/**
 * The incremental path, called by billing right after a subscription is inserted or updated,
 * in its transaction: records the subscription's new value state when something that matters
 * changed, then re-derives the customer's movements and writes only the difference (and the
 * sums by it). A state whose time is earlier than stored ones (a late Stripe event) is placed
 * where it happened by the same derivation.
 */
export async function recordSubscriptionValue(
  trx: Kysely<DB>,
  tenantId: string,
  write: SubscriptionWrite,
  cause?: MrrCause,
): Promise<void> {
  const pricing = await pricingOf(trx, tenantId, write.priceId, write.customerId);
  if (!pricing) throw new BugIndicatingError(`subscription ${write.id} names no price of its tenant`);
  // SQLite (one writer, no lock to take) reads the customer's states once, whether or not they
  // are needed; PostgreSQL checks the subscription's latest first, so a write that changes
  // nothing takes no lock.
  let states = dialectOf(trx) === 'sqlite' ? await statesOfCustomer(trx, tenantId, write.customerId) : null;
  const previous = states ? latestOf(states, write.id) : await latestStateOf(trx, tenantId, write.id);
  // A subscription's own states keep the order they were written in (the Stripe mirror drops
  // older snapshots): a time before the previous state's (an end Stripe dated earlier) is taken as then.
  const at = Math.max(effectiveAt(write, cause), previous?.effective_at ?? -Infinity);
  const wasPastDue = previous?.status === 'past_due';
  const next = {
    status: write.status,
    currency: write.currency,
    plan_id: write.planId,
    price_id: write.priceId,
    interval: pricing.interval,
    quantity: write.quantity,
    mrr: subscriptionValue(write.status, pricing.amount, write.quantity, pricing.interval),
    past_due_since: write.status === 'past_due' ? (wasPastDue ? previous.past_due_since : at) : null,
  };
  if (previous && RELEVANT.every((key) => previous[key] === next[key])) return;
  if (!states) {
    // On PostgreSQL two writes for one customer take turns: each derives from what the other wrote.
    await serializeOn(trx, `mrr:${tenantId}:${write.customerId}`);
    states = await statesOfCustomer(trx, tenantId, write.customerId);
  }
  const why = cause ?? (await billingEventAt(trx, tenantId, write));
  const state: StateRow = {
    ...next,
    id: newId('mrs', write.updatedAt),
    tenant_id: tenantId,
    seq: states.reduce((max, s) => Math.max(max, s.seq), 0) + 1,
    subscription_id: write.id,
    customer_id: write.customerId,
    effective_at: at,
    source: write.managedBy,
    country: pricing.country,
    cause_type: why.type,
    cause_id: why.id,
    recorded_at: write.updatedAt,
  };
  await insertState(trx, state);
  const settings = {
    reportingCurrency: pricing.reporting_currency ?? DEFAULT_REPORTING_CURRENCY,
    pastDueChurnDays: pricing.past_due_churn_days ?? null,
  };
  const now = Math.max(write.updatedAt, at);
  await rederiveCustomer(trx, tenantId, write.customerId, [...states, state], settings, now);
}

/** The subscription's latest state (by effective time, then record order), as latestStateOf reads it. */
function latestOf(states: readonly StateRow[], subscriptionId: string): StateRow | undefined {
  let latest: StateRow | undefined;
  for (const state of states) {
    if (state.subscription_id !== subscriptionId) continue;
    const later =
      !latest ||
      state.effective_at > latest.effective_at ||
      (state.effective_at === latest.effective_at && state.seq > latest.seq);
    if (later) latest = state;
  }
  return latest;
}

/** Derives one customer's movements from `states` and stores the difference. */
async function rederiveCustomer(
  trx: Kysely<DB>,
  tenantId: string,
  customerId: string,
  states: StateRow[],
  settings: { reportingCurrency: string; pastDueChurnDays: number | null },
  now: number,
): Promise<void> {
  const derived = deriveMovements(states.map(toMrrState), settings, now);
  const rates = await ratesForMovements(trx, tenantId, settings.reportingCurrency, derived);
  const rows = derived.map((m) => toMovementRow(tenantId, m, rates));
  const stored = await movementsOfCustomer(trx, tenantId, customerId);
  await applyMovementDiff(trx, tenantId, diffMovements(stored, rows));
}
