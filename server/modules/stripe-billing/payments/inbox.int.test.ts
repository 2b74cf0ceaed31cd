import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDispute } from '../../../../tests/fakes/stripe/routes/disputes';
import { pollStripeEvents, processDueStripeEvents } from '../../stripe-events';
import { stripeBillingHandlers } from '../index';
import { startPaymentEventsKit, type PaymentEventsKit } from './payments.test-kit';

/**
 * The payment side through the whole path a standalone desktop uses: Stripe's events list
 * read into the inbox, processed oldest Stripe time first (events of one second in no
 * particular order), failures retried with backoff. The end state is what happened in Stripe.
 */

let kit: PaymentEventsKit;
beforeAll(async () => {
  kit = await startPaymentEventsKit();
});
afterAll(async () => {
  await kit?.close();
});

const db = () => kit.world.database.db;

async function drainInbox() {
  const deps = {
    db: db(),
    clock: kit.world.clock,
    logger: kit.context.logger,
    gateways: kit.context.gateways,
  };
  const options = { ...deps, handlers: stripeBillingHandlers() };
  for (let round = 0; round < 20; round++) {
    await processDueStripeEvents(options);
    const waiting = await db()
      .selectFrom('stripe_events')
      .select('event_id')
      .where('status', 'in', ['pending', 'failed'])
      .execute();
    if (waiting.length === 0) return;
    kit.world.clock.advance(15 * 60_000);
  }
  throw new Error('the inbox did not drain');
}

describe('payment events through the inbox', () => {
  it('ends in the state Stripe holds, each effect once, however the events interleave', async () => {
    const { customerId, cardRef } = await kit.customerWithCard('Through The Inbox', 'pm_card_visa');
    const gatewayCustomer = (
      await db()
        .selectFrom('customers')
        .select('gateway_customer_ref')
        .where('id', '=', customerId)
        .executeTakeFirstOrThrow()
    ).gateway_customer_ref as string;
    kit.stripe.failNext({ dropConnection: 'after_processing' }, 3);
    const invoiceId = await kit.chargeInvoice(customerId, 6_000);
    const [pending] = await kit.paymentsOf(invoiceId);
    expect(pending?.status).toBe('pending');
    const intent = [...kit.stripe.store.paymentIntents.values()].find(
      (i) => i.metadata.payment_id === pending?.id,
    );
    const chargeId = intent?.latest_charge ?? '';
    await kit.api.refunds.create(
      { payment_intent: intent?.id ?? '', amount: 1_000 },
      { idempotencyKey: 'inbox-r1' },
    );
    await kit.api.refunds.create(
      { payment_intent: intent?.id ?? '', amount: 500 },
      { idempotencyKey: 'inbox-r2' },
    );
    const dispute = openDispute(kit.stripe.store, chargeId);
    const extra = await kit.api.paymentMethods.attach(
      'pm_card_mastercard',
      { customer: gatewayCustomer },
      { idempotencyKey: 'inbox-attach' },
    );
    await kit.api.paymentMethods.detach(cardRef, {}, { idempotencyKey: 'inbox-detach' });
    await kit.api.customers.update(
      gatewayCustomer,
      { name: 'Renamed In Stripe' },
      { idempotencyKey: 'inbox-name' },
    );

    const deps = {
      db: db(),
      clock: kit.world.clock,
      logger: kit.context.logger,
      gateways: kit.context.gateways,
    };
    expect(await pollStripeEvents(deps, kit.context.tenantId)).toBeGreaterThan(10);
    await drainInbox();
    expect(await pollStripeEvents(deps, kit.context.tenantId)).toBe(0);

    const dead = await db()
      .selectFrom('stripe_events')
      .select(['type', 'last_error'])
      .where('status', '=', 'dead')
      .execute();
    expect(dead).toEqual([]);
    const [payment] = await kit.paymentsOf(invoiceId);
    expect(payment).toMatchObject({ status: 'succeeded', gateway_ref: intent?.id, amount_refunded: 1_500 });
    const invoice = await db()
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 6_000, amount_refunded: 1_500 });
    const refunds = await db()
      .selectFrom('refunds')
      .select('amount')
      .where('payment_id', '=', payment?.id ?? '')
      .execute();
    expect(refunds.map((r) => r.amount).sort((a, b) => a - b)).toEqual([500, 1_000]);
    const disputes = await db().selectFrom('disputes').select('gateway_ref').execute();
    expect(disputes).toEqual([{ gateway_ref: dispute.id }]);
    const cards = await db()
      .selectFrom('payment_methods')
      .select(['gateway_ref', 'status'])
      .where('customer_id', '=', customerId)
      .execute();
    expect(new Map(cards.map((c) => [c.gateway_ref, c.status]))).toEqual(
      new Map([
        [cardRef, 'detached'],
        [extra.id, 'active'],
      ]),
    );
    const customer = await db()
      .selectFrom('customers')
      .select('name')
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(customer.name).toBe('Renamed In Stripe');
  });
});
