import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stripeBillingHandlers } from './index';
import { createMirrorWorld, type MirrorWorld } from './stripe-billing.test-kit';

/**
 * Outgoing webhooks' capture (migration 15's triggers) covers the mirror as well as Tollgate's own billing:
 * Stripe-managed subscriptions and invoices, written by the mirror's handlers, produce the
 * same events, in the transaction that mirrors them.
 */

let m: MirrorWorld;
beforeEach(async () => {
  m = await createMirrorWorld();
});
afterEach(() => m.close());

const handlers = stripeBillingHandlers();
async function apply(event: Stripe.Event) {
  const handler = handlers[event.type];
  if (!handler) throw new Error(`no handler for ${event.type}`);
  expect(await handler(m.context, event)).toBe('applied');
}

const captured = () =>
  m.world.database.db
    .selectFrom('webhook_events')
    .select(['type', 'object_id', 'object_seq', 'data'])
    .where('tenant_id', '=', m.context.tenantId)
    .orderBy('created_at')
    .orderBy('object_seq')
    .execute();

describe('events from the Stripe Billing mirror', () => {
  it('announces a mirrored subscription, its paid invoice, access, and its cancellation', async () => {
    // Outside the sandbox (a Stripe key is configured): a public https endpoint.
    const owner = m.world.as('owner', m.context.tenantId).webhooks;
    await owner.create({
      url: 'https://hooks.example.com/tollgate',
      eventTypes: [
        'subscription.created',
        'subscription.canceled',
        'invoice.finalized',
        'invoice.paid',
        'entitlements.updated',
      ],
    });
    const customer = await m.customerWithCard('mira@example.com');
    const price = await m.monthlyPrice('Team', 2900);
    const subscription = await m.subscribe(customer.id, price.id);
    await apply(m.lastEvent('customer.subscription.created', subscription.id));
    await apply(m.lastEvent('invoice.payment_succeeded', subscription.latest_invoice as string));
    await m.stripe.subscriptions.cancel(subscription.id, {}, m.once());
    await apply(m.lastEvent('customer.subscription.deleted', subscription.id));

    const events = await captured();
    const local = await m.world.database.db
      .selectFrom('subscriptions')
      .select(['id', 'customer_id'])
      .where('gateway_ref', '=', subscription.id)
      .executeTakeFirstOrThrow();
    const about = (id: string) => events.filter((e) => e.object_id === id).map((e) => e.type);
    expect(about(local.id)).toEqual(['subscription.created', 'subscription.canceled']);
    expect(about(local.customer_id)).toEqual(['entitlements.updated', 'entitlements.updated']);
    const invoiceEvents = events.filter((e) => e.type.startsWith('invoice.'));
    expect(invoiceEvents.map((e) => [e.type, e.object_seq])).toEqual([
      ['invoice.finalized', 1],
      ['invoice.paid', 2],
    ]);
    const created = JSON.parse(events.find((e) => e.type === 'subscription.created')?.data ?? '{}') as {
      object: Record<string, unknown>;
    };
    expect(created.object).toMatchObject({ object: 'subscription', managed_by: 'stripe', id: local.id });
  });
});
