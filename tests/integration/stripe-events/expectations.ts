import { expect } from 'vitest';
import type { RecordedRequest } from '../../fakes/stripe';
import { subscriptionFetches } from './deliveries';
import type { MirrorOutcome } from './in-order-run';
import type { MirroredSubscription } from './mirrored-state';
import { itemOf, type StripeHistories, type SubscriptionHistory } from './stripe-histories';

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

/**
 * Everything the exactly-once tests assert of a run whose deliveries were duplicated, shuffled
 * and interrupted (`crashed`), against the in-order reference and Stripe's own objects.
 */
export function expectExactlyOnce(
  crashed: MirrorOutcome,
  inOrder: MirrorOutcome,
  histories: StripeHistories,
  stripeRequests: RecordedRequest[],
) {
  const { events } = histories;
  const last = (histories.subscriptions[0]?.versions.length ?? 0) - 1;
  // Nothing lost, nothing stored twice, nothing failed or dead-lettered.
  expect(crashed.inbox).toHaveLength(events.length);
  expect(new Set(crashed.inbox.map((e) => e.event_id))).toEqual(new Set(events.map((e) => e.id)));
  expect(crashed.inbox.filter((e) => e.status !== 'processed' && e.status !== 'stale')).toEqual([]);

  // The final state: the in-order run's, which is Stripe's current objects.
  expect(inOrder.subscriptions).toEqual(
    histories.subscriptions.map(expectedFromStripe).sort((a, b) => (a.gateway_ref < b.gateway_ref ? -1 : 1)),
  );
  expect(crashed.subscriptions).toEqual(inOrder.subscriptions);
  expect(crashed.refs).toEqual(inOrder.refs);
  expect(inOrder.refs.customers).toEqual([...histories.customerIds].sort());
  expect(inOrder.refs.prices).toEqual([...histories.priceIds].sort());

  // Each snapshot applied at most once, in Stripe's order, every write in the audit trail and change log.
  for (const history of histories.subscriptions) {
    expectAppliedOnceInOrder(crashed, history, 'crashed run');
    expectAppliedOnceInOrder(inOrder, history, 'in-order run');
  }
  expect(crashed.auditChainIntact).toBe(true);
  expect(inOrder.auditChainIntact).toBe(true);

  // Shuffling made late deliveries, which the mirror refused rather than moving back.
  expect(crashed.inbox.filter((e) => e.status === 'stale').length).toBeGreaterThan(0);

  // In order, every event applies, but those after a mid-way tie: its fetch brought Stripe's current object.
  const afterMidwayTie = new Set(
    histories.subscriptions.flatMap((h) =>
      h.tiedVersions[1] !== undefined && h.tiedVersions[1] < last
        ? h.events.slice(h.tiedVersions[1] + 1).map((e) => e.id)
        : [],
    ),
  );
  expect(afterMidwayTie.size).toBeGreaterThan(0);
  expect(
    inOrder.inbox.filter((e) => e.status !== (afterMidwayTie.has(e.event_id) ? 'stale' : 'processed')),
  ).toEqual([]);

  // Stripe was asked for a subscription only to settle a same-second tie, and its answer settled it.
  const tied = histories.subscriptions.filter((h) => h.tiedVersions.length > 0).map((h) => h.id);
  expect([...subscriptionFetches(stripeRequests).keys()].filter((id) => !tied.includes(id))).toEqual([]);
  expect(inOrder.fetched).toEqual([...tied].sort());
  const endTied = histories.subscriptions.filter((h) => h.tiedVersions[1] === last).map((h) => h.id);
  expect(endTied.filter((id) => !crashed.fetched.includes(id))).toEqual([]);
  expect(crashed.fetched.filter((id) => !tied.includes(id))).toEqual([]);
}
