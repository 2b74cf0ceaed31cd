import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import { runCommand, type EntityChange } from '../../commands/run-command';
import { serializeOn } from '../../db/locks';
import type { DB } from '../../db/schema';
import { subscriptionsChanged, type MrrCause } from '../billing';
import type { StripeEventOutcome } from '../stripe-events';
import { answeredAt, mirrorScope, stripeOf, type MirrorContext } from './context';
import { linkInvoice, writeInvoice } from './invoices';
import { readInvoiceWithLines, subscriptionOfInvoice } from './mapping';
import { subscriptionByRef } from './repo';
import { linkSubscription, writeSubscription } from './subscriptions';
import { appliedEventId, orderFetched, orderSnapshot, type SnapshotOrder } from './versions';

/**
 * The one way a Stripe snapshot reaches the database: the objects it refers to are made
 * first (they may need Stripe's API, which never runs inside a transaction), then in one
 * command the snapshot's order is decided and, when it is the newest, written as state.
 */

/** Where a snapshot came from: an event, or Stripe's API at a moment of Stripe's clock (seconds). */
export type SnapshotSource =
  | { kind: 'event'; event: Pick<Stripe.Event, 'id' | 'created' | 'request'> }
  | { kind: 'fetched'; at: number };

interface MirroredKind<T extends { id: string }, L> {
  action: string;
  link(context: MirrorContext, object: T): Promise<L>;
  write(
    trx: Transaction<DB>,
    context: MirrorContext,
    object: T,
    links: L,
    causedBy: string | null,
    now: number,
    source: SnapshotSource,
  ): Promise<{ changes: EntityChange[]; customerId: string }>;
  fetch(context: MirrorContext, id: string): Promise<{ object: T; at: number }>;
  /** After the commit: what else must hear of the change. */
  changed?(context: MirrorContext, customerId: string): void;
}

/** What caused a mirrored subscription's MRR movement, and when Stripe says it happened. */
function mrrCauseOf(source: SnapshotSource): MrrCause {
  return source.kind === 'event'
    ? { type: 'stripe_event', id: source.event.id, at: source.event.created * 1000 }
    : { type: 'stripe_fetch', id: null, at: source.at * 1000 };
}

export const subscriptionKind: MirroredKind<
  Stripe.Subscription,
  Awaited<ReturnType<typeof linkSubscription>>
> = {
  action: 'subscription.mirrored_from_stripe',
  link: linkSubscription,
  write: (trx, context, object, links, causedBy, now, source) =>
    writeSubscription(trx, context.tenantId, object, links, causedBy, now, mrrCauseOf(source)),
  async fetch(context, id) {
    const object = await stripeOf(context).subscriptions.retrieve(id);
    return { object, at: answeredAt(object, context.clock.now()) };
  },
  changed: (context, customerId) => subscriptionsChanged(context.tenantId, customerId),
};

export const invoiceKind: MirroredKind<Stripe.Invoice, Awaited<ReturnType<typeof linkInvoice>>> = {
  action: 'invoice.mirrored_from_stripe',
  async link(context, invoice) {
    // Read before anything is fetched or created, so an incomplete snapshot changes nothing.
    readInvoiceWithLines(invoice);
    // The subscription first, so the invoice can name it (a finalized invoice never changes that).
    const subscriptionRef = subscriptionOfInvoice(invoice);
    if (subscriptionRef && !(await subscriptionByRef(context.db, context.tenantId, subscriptionRef))) {
      await mirrorFetched(context, subscriptionKind, subscriptionRef);
    }
    return linkInvoice(context, invoice);
  },
  write: (trx, context, object, links, _causedBy, now) =>
    writeInvoice(trx, context.tenantId, object, links, now),
  async fetch(context, id) {
    const object = await stripeOf(context).invoices.retrieve(id);
    return { object, at: answeredAt(object, context.clock.now()) };
  },
};

type Verdict = 'applied' | 'stale' | 'refetch';

async function orderOf(
  trx: Transaction<DB>,
  tenantId: string,
  objectId: string,
  source: SnapshotSource,
  acceptSame: boolean,
): Promise<SnapshotOrder | 'redelivered'> {
  const order =
    source.kind === 'fetched'
      ? await orderFetched(trx, tenantId, objectId, source.at)
      : await orderSnapshot(trx, tenantId, objectId, source.event);
  if (order !== 'same') return order;
  // A snapshot fetched because of an ambiguity is applied: fetching again would answer the same.
  if (acceptSame) return 'newer';
  // The very event applied last, delivered again: its snapshot is the applied one, so it
  // needs neither a fetch nor a second write.
  if (source.kind === 'event' && (await appliedEventId(trx, tenantId, objectId)) === source.event.id) {
    return 'redelivered';
  }
  return 'same';
}

/** Applies one snapshot; an ambiguous one (same second as the applied one) is replaced by Stripe's current object. */
export async function mirrorSnapshot<T extends { id: string }, L>(
  context: MirrorContext,
  kind: MirroredKind<T, L>,
  object: T,
  source: SnapshotSource,
  acceptSame = false,
): Promise<StripeEventOutcome> {
  const links = await kind.link(context, object);
  const causedBy = source.kind === 'event' ? (source.event.request?.idempotency_key ?? null) : null;
  let customerId: string | null = null;
  const verdict = await runCommand<Verdict>(mirrorScope(context), kind.action, async (trx, now) => {
    // Two instances may apply snapshots of one object at once: on PostgreSQL the second waits
    // here and orders its snapshot against what the first wrote, never against what it read before.
    await serializeOn(trx, `stripe-object:${context.tenantId}:${object.id}`);
    const order = await orderOf(trx, context.tenantId, object.id, source, acceptSame);
    if (order === 'older') return { result: 'stale', changes: [] };
    if (order === 'same') return { result: 'refetch', changes: [] };
    // Its write committed before (a crash came between it and the inbox's record of it):
    // writing it again would add a version and an audit entry for no change.
    if (order === 'redelivered') return { result: 'applied', changes: [] };
    const written = await kind.write(trx, context, object, links, causedBy, now, source);
    customerId = written.customerId;
    return { result: 'applied', changes: written.changes };
  });
  if (verdict === 'refetch') {
    const fetched = await kind.fetch(context, object.id);
    return mirrorSnapshot(context, kind, fetched.object, { kind: 'fetched', at: fetched.at }, true);
  }
  if (customerId) kind.changed?.(context, customerId);
  return verdict;
}

/** Fetches an object from Stripe and applies it as the newest known state. */
export async function mirrorFetched<T extends { id: string }, L>(
  context: MirrorContext,
  kind: MirroredKind<T, L>,
  id: string,
): Promise<StripeEventOutcome> {
  const fetched = await kind.fetch(context, id);
  return mirrorSnapshot(context, kind, fetched.object, { kind: 'fetched', at: fetched.at });
}
