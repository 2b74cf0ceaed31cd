import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDispute } from '../../../../tests/fakes/stripe/routes/disputes';
import { shifted, startPaymentEventsKit, type PaymentEventsKit } from './payments.test-kit';

let kit: PaymentEventsKit;
beforeAll(async () => {
  kit = await startPaymentEventsKit();
});
afterAll(async () => {
  await kit?.close();
});

const disputesOf = (paymentId: string) =>
  kit.world.database.db.selectFrom('disputes').selectAll().where('payment_id', '=', paymentId).execute();

describe('charge.dispute.created', () => {
  it('records the dispute once, with a billing event, and shows it on the invoice', async () => {
    const { customerId } = await kit.customerWithCard('Disputer', 'pm_card_visa');
    const invoiceId = await kit.chargeInvoice(customerId, 8_000);
    const [payment] = await kit.paymentsOf(invoiceId);
    const chargeId = kit.stripe.store.paymentIntents.get(payment?.gateway_ref ?? '')?.latest_charge ?? '';
    const dispute = openDispute(kit.stripe.store, chargeId, { reason: 'product_not_received' });
    const event = kit.eventAbout('charge.dispute.created', dispute.id);

    expect(await kit.deliver(event)).toBe('applied');
    expect(await kit.deliver(event)).toBe('applied');
    expect(await kit.deliver(shifted(event, -3))).toBe('stale');
    const recorded = await disputesOf(payment?.id ?? '');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      gateway_ref: dispute.id,
      amount: 8_000,
      currency: 'USD',
      reason: 'product_not_received',
      status: 'needs_response',
      invoice_id: invoiceId,
      customer_id: customerId,
    });
    const events = await kit.world.database.db
      .selectFrom('billing_events')
      .select('data')
      .where('type', '=', 'charge.dispute.created')
      .where('subject_id', '=', payment?.id ?? '')
      .execute();
    expect(events).toHaveLength(1);

    const detail = await kit.world.as('viewerA').invoices.get({ id: invoiceId });
    expect(detail.disputes).toEqual([
      expect.objectContaining({ gatewayRef: dispute.id, amount: 8_000, status: 'needs_response' }),
    ]);
  });

  it('ignores disputes of charges that are not ours', async () => {
    const customer = await kit.api.customers.create(
      { name: 'Stranger' },
      { idempotencyKey: 'dispute-stranger' },
    );
    const intent = await kit.api.paymentIntents.create(
      { amount: 900, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true },
      { idempotencyKey: 'dispute-stranger-intent' },
    );
    const dispute = openDispute(kit.stripe.store, intent.latest_charge as string);
    expect(await kit.deliver(kit.eventAbout('charge.dispute.created', dispute.id))).toBe('ignored');
    const count = await kit.world.database.db
      .selectFrom('disputes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('gateway_ref', '=', dispute.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
