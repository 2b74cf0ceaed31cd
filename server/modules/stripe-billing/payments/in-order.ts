import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import { runCommand, type CommandScope, type EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import type { StripeEventContext, StripeEventOutcome } from '../../stripe-events';
import { STRIPE_ACTOR } from '../context';
import { orderSnapshot } from '../versions';

export interface Applied {
  outcome: 'applied' | 'ignored';
  changes: EntityChange[];
  /** Work for after the transaction commits (charging a new card, say), never inside it. */
  afterCommit?: () => Promise<void>;
}

export interface InOrder<T> {
  /** The audit action the changes are recorded under. */
  action: string;
  /** The Stripe object whose versions order the events (for cards, the PaymentMethod). */
  objectId: string;
  /** The object as the event carries it. */
  snapshot: T;
  /** The object as Stripe holds it now; asked only outside any transaction. */
  fetchCurrent(): Promise<T>;
  apply(trx: Transaction<DB>, now: number, object: T): Promise<Applied>;
}

/**
 * Applies an event by the ordering rule: a newer snapshot than the last applied one is
 * applied as it stands, in the transaction that records it as the newest; an older one
 * changes nothing ('stale'); one just as new (Stripe's `created` has one-second
 * resolution, and a duplicate delivery is one too) is settled by fetching the object from
 * Stripe, outside any transaction, and applying that in a second one that orders again.
 */
export async function applyInOrder<T>(
  context: StripeEventContext,
  event: Stripe.Event,
  work: InOrder<T>,
): Promise<StripeEventOutcome> {
  const scope: CommandScope = {
    db: context.db,
    clock: context.clock,
    tenantId: context.tenantId,
    actor: STRIPE_ACTOR,
  };
  // `fetched` is Stripe's current object once asked for; until then an equal-time event asks.
  const attempt = (fetched?: { object: T }) =>
    runCommand<{ outcome: StripeEventOutcome | 'fetch'; afterCommit?: () => Promise<void> }>(
      scope,
      work.action,
      async (trx, now) => {
        const order = await orderSnapshot(trx, context.tenantId, work.objectId, event);
        if (order === 'older') return { result: { outcome: 'stale' }, changes: [] };
        const chosen = order === 'newer' ? { object: work.snapshot } : fetched;
        if (!chosen) return { result: { outcome: 'fetch' }, changes: [] };
        const { outcome, changes, afterCommit } = await work.apply(trx, now, chosen.object);
        return { result: { outcome, afterCommit }, changes };
      },
    );
  let result = await attempt();
  if (result.outcome === 'fetch') result = await attempt({ object: await work.fetchCurrent() });
  if (result.afterCommit) await result.afterCommit();
  // A second 'fetch' cannot happen (the fetched object is always applied); 'ignored' keeps the type closed.
  return result.outcome === 'fetch' ? 'ignored' : result.outcome;
}

/** The id of an expandable Stripe field, whether Stripe sent the id or the object. */
export function idOf(field: string | { id: string } | null | undefined): string | null {
  if (field === null || field === undefined) return null;
  return typeof field === 'string' ? field : field.id;
}
