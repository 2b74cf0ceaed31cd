import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../../shared/ids';
import { startPaymentEventsKit, type PaymentEventsKit } from './payments.test-kit';

let kit: PaymentEventsKit;
beforeAll(async () => {
  kit = await startPaymentEventsKit();
});
afterAll(async () => {
  await kit?.close();
});

const db = () => kit.world.database.db;
const refundsOf = (paymentId: string) =>
  db().selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).orderBy('created_at').execute();
const paymentRow = (id: string) =>
  db().selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const invoiceRow = (id: string) =>
  db().selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A paid invoice of `amount` and its succeeded payment (with the Stripe charge behind it). */
async function paidPayment(amount: number) {
  const { customerId } = await kit.customerWithCard('Refunded Payer', 'pm_card_visa');
  const invoiceId = await kit.chargeInvoice(customerId, amount);
  const [payment] = await kit.paymentsOf(invoiceId);
  if (payment?.status !== 'succeeded' || !payment.gateway_ref) throw new Error('the charge did not succeed');
  const chargeId = kit.stripe.store.paymentIntents.get(payment.gateway_ref)?.latest_charge ?? '';
  return { invoiceId, paymentId: payment.id, intentId: payment.gateway_ref, chargeId };
}

let dashboardKeys = 0;
/** A refund made in Stripe's dashboard: not through Tollgate, so with a key of Stripe's own. */
const refundInDashboard = (intentId: string, amount: number) =>
  kit.api.refunds.create(
    { payment_intent: intentId, amount },
    { idempotencyKey: `dashboard-${++dashboardKeys}` },
  );

const lastChargeRefunded = (chargeId: string) => {
  const events = kit.eventsAbout('charge.refunded', chargeId);
  const last = events.at(-1);
  if (!last) throw new Error(`no charge.refunded event for ${chargeId}`);
  return last;
};

describe('charge.refunded', () => {
  it('records a refund made in Stripe’s dashboard once, with its Stripe id', async () => {
    const { invoiceId, paymentId, intentId, chargeId } = await paidPayment(5_000);
    const refund = await refundInDashboard(intentId, 1_500);
    const event = lastChargeRefunded(chargeId);
    expect(await kit.deliver(event)).toBe('applied');
    expect(await kit.deliver(event)).toBe('applied');
    const recorded = await refundsOf(paymentId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ gateway_ref: refund.id, amount: 1_500, status: 'succeeded' });
    expect((await paymentRow(paymentId)).amount_refunded).toBe(1_500);
    expect((await invoiceRow(invoiceId)).amount_refunded).toBe(1_500);
    const events = await db()
      .selectFrom('billing_events')
      .select('data')
      .where('type', '=', 'charge.refunded')
      .where('subject_id', '=', paymentId)
      .execute();
    expect(events).toHaveLength(1);
  });

  it('does not record again a refund Tollgate made itself', async () => {
    const { paymentId, chargeId } = await paidPayment(3_000);
    const ours = await kit.world
      .as('owner', kit.world.tenants.A.id)
      .payments.refund({ paymentId, amount: 1_000, reason: 'duplicate' });
    expect(await kit.deliver(lastChargeRefunded(chargeId))).toBe('applied');
    const recorded = await refundsOf(paymentId);
    expect(recorded.map((r) => r.id)).toEqual([ours.id]);
    expect((await paymentRow(paymentId)).amount_refunded).toBe(1_000);
  });

  it('settles Tollgate’s own refund still awaiting Stripe’s answer with the refund Stripe reports', async () => {
    const { invoiceId, paymentId, intentId, chargeId } = await paidPayment(2_400);
    // Phase one of Tollgate's refund is recorded; Stripe refunds; the answer never arrives.
    const now = kit.world.clock.now();
    const localId = newId('re', now);
    await db()
      .insertInto('refunds')
      .values({
        id: localId,
        tenant_id: kit.world.tenants.A.id,
        payment_id: paymentId,
        invoice_id: invoiceId,
        customer_id: (await paymentRow(paymentId)).customer_id,
        amount: 700,
        currency: 'USD',
        reason: 'requested_by_customer',
        status: 'pending',
        idempotency_key: `refund:${localId}`,
        gateway_ref: null,
        failure_message: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const stripeRefund = await kit.api.refunds.create(
      { payment_intent: intentId, amount: 700, reason: 'requested_by_customer' },
      { idempotencyKey: `refund:${localId}` },
    );
    expect(await kit.deliver(lastChargeRefunded(chargeId))).toBe('applied');
    const recorded = await refundsOf(paymentId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ id: localId, status: 'succeeded', gateway_ref: stripeRefund.id });
    expect((await paymentRow(paymentId)).amount_refunded).toBe(700);
  });

  it('never records past the payment: waits while a refund of ours is in flight, then records', async () => {
    const { invoiceId, paymentId, intentId, chargeId } = await paidPayment(1_000);
    const now = kit.world.clock.now();
    const inFlight = newId('re', now);
    await db()
      .insertInto('refunds')
      .values({
        id: inFlight,
        tenant_id: kit.world.tenants.A.id,
        payment_id: paymentId,
        invoice_id: invoiceId,
        customer_id: (await paymentRow(paymentId)).customer_id,
        amount: 600,
        currency: 'USD',
        reason: 'requested_by_customer',
        status: 'pending',
        idempotency_key: `refund:${inFlight}`,
        gateway_ref: null,
        failure_message: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await refundInDashboard(intentId, 500);
    const event = lastChargeRefunded(chargeId);
    await expect(kit.deliver(event)).rejects.toThrow(/past its amount/);
    expect(await refundsOf(paymentId)).toHaveLength(1);
    // Stripe refuses our 600 (only 500 is left), so our refund settles as failed; the retry then records.
    await db().updateTable('refunds').set({ status: 'failed' }).where('id', '=', inFlight).execute();
    expect(await kit.deliver(event)).toBe('applied');
    expect((await paymentRow(paymentId)).amount_refunded).toBe(500);
  });

  it('keeps the recorded total equal to Stripe’s, whatever the refunds, order and duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (amounts, picks) => {
          const { paymentId, intentId, chargeId } = await paidPayment(1_000);
          let refunded = 0;
          for (const amount of amounts) {
            if (refunded + amount > 1_000) break;
            await refundInDashboard(intentId, amount);
            refunded += amount;
          }
          const events = kit.eventsAbout('charge.refunded', chargeId);
          // Some events again, in an arbitrary order, after all of them once.
          const deliveries = [...events, ...picks.map((i) => events[i % events.length])];
          for (const event of deliveries) if (event) await kit.deliver(event);
          const payment = await paymentRow(paymentId);
          expect(payment.amount_refunded).toBe(refunded);
          expect(payment.amount_refunded).toBe(kit.stripe.store.charges.get(chargeId)?.amount_refunded);
          const rows = await refundsOf(paymentId);
          expect(new Set(rows.map((r) => r.gateway_ref)).size).toBe(rows.length);
          expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(refunded);
        },
      ),
      { numRuns: 12 },
    );
  });
});
