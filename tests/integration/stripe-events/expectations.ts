import { expect } from 'vitest';
import type { MirrorOutcome } from './in-order-run';
import type { MirroredSubscription } from './mirrored-state';
import { itemOf, type SubscriptionHistory } from './stripe-histories';

/** What the exactly-once test expects of the mirror, per Stripe subscription. */

const STATUSES: Record<string, string> = { incomplete_expired: 'canceled' };
const ms = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

/** What the mirror must hold for a subscription, read straight off Stripe's current object. */
export function expectedFromStripe(history: SubscriptionHistory): MirroredSubscription {
  const now = history.versions.at(-1);
  if (!now) throw new Error(`no versions of ${history.id}`);
  const item = itemOf(now);
  const status = STATUSES[now.status] ?? now.status;
  return {
    gateway_ref: now.id,
    customer_ref: now.customer,
    price_ref: item.price.id,
    product_ref: item.price.product,
    status: status === 'active' && now.pause_collection ? 'paused' : status,
    quantity: item.quantity,
    currency: now.currency.toUpperCase(),
    billing_anchor: now.billing_cycle_anchor * 1000,
    current_period_start: item.current_period_start * 1000,
    current_period_end: item.current_period_end * 1000,
    trial_start: ms(now.trial_start),
    trial_end: ms(now.trial_end),
    cancel_at_period_end: now.cancel_at_period_end ? 1 : 0,
    canceled_at: ms(now.canceled_at),
    ended_at: ms(now.ended_at),
    paused: now.pause_collection ? 1 : 0,
    resume_at: ms(now.pause_collection?.resumes_at ?? null),
    managed_by: 'stripe',
    created_at: now.created * 1000,
  };
}

/** Which version an applied snapshot was: the quantity grows by one per version. */
function versionOf(history: SubscriptionHistory, quantity: number): number {
  const first = history.versions[0];
  if (!first) throw new Error(`no versions of ${history.id}`);
  return quantity - itemOf(first).quantity;
}

/**
 * One subscription's ledger: every write accounted for once in its version, the audit
 * trail and the change log; the snapshots written in Stripe's order, none twice (the
 * last may be written again only as the object fetched to settle a same-second tie);
 * every event the inbox says was applied among them; one "created" in its history.
 */
export function expectAppliedOnceInOrder(outcome: MirrorOutcome, history: SubscriptionHistory, run: string) {
  const ledger = outcome.ledgers.get(history.id);
  if (!ledger) throw new Error(`${run}: ${history.id} was never mirrored`);
  const where = `${run}, ${history.id}`;
  const applied = ledger.applications.map((a) => versionOf(history, a.quantity));
  expect(
    ledger.applications.map((a) => a.version),
    where,
  ).toEqual(applied.map((_, n) => n + 1));
  expect(ledger.row.version, where).toBe(applied.length);
  expect(ledger.changeLog, where).toHaveLength(applied.length);
  expect(ledger.row, where).toMatchObject(ledger.changeLog.at(-1) ?? {});
  const last = history.versions.length - 1;
  const tied = history.tiedVersions.length > 0;
  const outOfOrder = applied.filter(
    (k, n) => n > 0 && !(k > (applied[n - 1] ?? -1) || (tied && k === last && applied[n - 1] === last)),
  );
  expect(outOfOrder, `${where}: versions applied ${applied.join(',')}`).toEqual([]);
  expect(applied.at(-1), where).toBe(last);
  const versionOfEvent = new Map(history.events.map((event, k) => [event.id, k]));
  const processed = outcome.inbox
    .filter((e) => e.object_id === history.id && e.status === 'processed')
    .map((e) => versionOfEvent.get(e.event_id) ?? -1)
    .filter((k) => !history.tiedVersions.includes(k));
  expect(
    processed.filter((k) => !applied.includes(k)),
    `${where}: processed but not applied`,
  ).toEqual([]);
  expect(
    ledger.billingEvents.filter((t) => t === 'subscription.created'),
    where,
  ).toHaveLength(1);
  expect(ledger.billingEvents.filter((t) => t === 'subscription.canceled').length, where).toBeLessThanOrEqual(
    1,
  );
}
