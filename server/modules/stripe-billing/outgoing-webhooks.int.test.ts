import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../../shared/webhooks/event-types';
import { createMirrorWorld, type MirrorWorld } from './stripe-billing.test-kit';

/**
 * Outgoing webhooks (server/modules/webhooks) of the Stripe Billing mirror applying Stripe's events: each change it writes to a subscription
 * emits its events once, in the same transaction (the capture triggers), as a console
 * command's change does.
 */

let m: MirrorWorld;
beforeEach(async () => {
  m = await createMirrorWorld();
  // Outside the sandbox (the gateway is Stripe): a public https URL, never called here.
  await m.world.as('owner', m.world.tenants.A.id).webhooks.create({
    url: 'https://hooks.example.com/tollgate',
    eventTypes: [...WEBHOOK_EVENT_TYPES],
  });
});
afterEach(() => m.close());

/** Types of the events `work` caused about the local subscription and its customer. */
async function emittedBy(work: () => Promise<unknown>): Promise<string[]> {
  // rowid: SQLite's implicit one, an explicit identity column on PostgreSQL (insertion order on both).
  const db = m.world.database.db;
  const { mark } = await db
    .selectFrom('webhook_events')
    .select(sql<number>`coalesce(max(rowid), 0)`.as('mark'))
    .executeTakeFirstOrThrow();
  await work();
  const rows = await db
    .selectFrom('webhook_events')
    .select('type')
    .where(sql<boolean>`rowid > ${mark}`)
    .orderBy(sql`rowid`)
    .execute();
  return rows.map((r) => r.type);
}

describe('the Stripe Billing mirror', () => {
  it('emits once per change it applies: created, cancel at period end, paused, ended; a replay emits nothing', async () => {
    const customer = await m.customerWithCard('nia@example.com');
    const price = await m.monthlyPrice('Team', 2900);
    const subscription = await m.subscribe(customer.id, price.id);
    const created = m.lastEvent('customer.subscription.created', subscription.id);
    expect(await emittedBy(() => m.apply(created))).toEqual(['subscription.created', 'entitlements.updated']);
    expect(await emittedBy(() => m.apply(created))).toEqual([]);

    await m.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, m.once());
    expect(
      await emittedBy(() => m.apply(m.lastEvent('customer.subscription.updated', subscription.id))),
    ).toEqual(['subscription.updated']);

    await m.stripe.subscriptions.update(
      subscription.id,
      { cancel_at_period_end: false, pause_collection: { behavior: 'void', resumes_at: 2_000_000_000 } },
      m.once(),
    );
    expect(
      await emittedBy(() => m.apply(m.lastEvent('customer.subscription.updated', subscription.id))),
    ).toEqual(['subscription.updated', 'entitlements.updated']);

    await m.stripe.subscriptions.cancel(subscription.id);
    expect(
      await emittedBy(() => m.apply(m.lastEvent('customer.subscription.deleted', subscription.id))),
    ).toEqual(['subscription.canceled']);
  });

  it('emits invoice events once: a paid invoice finalized and paid, a failed attempt once, a replay nothing', async () => {
    const customer = await m.customerWithCard('oli@example.com');
    const price = await m.monthlyPrice('Team', 2900);
    const paid = await m.subscribe(customer.id, price.id);
    const paidEvent = m.lastEvent('invoice.payment_succeeded', paid.latest_invoice as string);
    // The invoice arrives before its subscription's own event: the mirror fetches the subscription.
    expect(await emittedBy(() => m.apply(paidEvent))).toEqual([
      'subscription.created',
      'entitlements.updated',
      'invoice.finalized',
      'invoice.paid',
    ]);
    expect(await emittedBy(() => m.apply(paidEvent))).toEqual([]);

    const declined = await m.customerWithCard(
      'pat@example.com',
      'pm_card_visa_chargeDeclinedInsufficientFunds',
    );
    const failing = await m.subscribe(declined.id, price.id);
    const failedEvent = m.lastEvent('invoice.payment_failed', failing.latest_invoice as string);
    expect(await emittedBy(() => m.apply(failedEvent))).toEqual([
      'subscription.created',
      'invoice.finalized',
      'invoice.payment_failed',
    ]);
    expect(await emittedBy(() => m.apply(failedEvent))).toEqual([]);
  });
});
