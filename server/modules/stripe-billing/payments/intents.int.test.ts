import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEvent } from '../../../../tests/fakes/stripe';
import { shifted, startPaymentEventsKit, type PaymentEventsKit } from './payments.test-kit';

let kit: PaymentEventsKit;
beforeAll(async () => {
  kit = await startPaymentEventsKit();
});
afterAll(async () => {
  await kit?.close();
});

const invoiceOf = (id: string) =>
  kit.world.database.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const billingEvents = (type: string, subjectId: string) =>
  kit.world.database.db
    .selectFrom('billing_events')
    .select('data')
    .where('type', '=', type)
    .where('subject_id', '=', subjectId)
    .execute();

/** The PaymentIntent event the fake emitted for one of our payments, found by the payment id in its metadata. */
function intentEventOf(type: string, paymentId: string): StripeEvent {
  const found = kit.stripe.store.events.filter(
    (e) => e.type === type && (e.data.object.metadata as Record<string, string>).payment_id === paymentId,
  );
  if (found.length !== 1) throw new Error(`${found.length} ${type} events for ${paymentId}`);
  return found[0] as StripeEvent;
}

describe('payment_intent.succeeded / payment_failed', () => {
  it('finishes a payment whose process died before Stripe answered, once however often it is delivered', async () => {
    const { customerId } = await kit.customerWithCard('Interrupted Payer', 'pm_card_visa');
    // Stripe charges, but every answer (and the SDK's two retries) is lost on the way back.
    kit.stripe.failNext({ dropConnection: 'after_processing' }, 3);
    const invoiceId = await kit.chargeInvoice(customerId, 4_200);
    const [pending] = await kit.paymentsOf(invoiceId);
    expect(pending).toMatchObject({ status: 'pending', gateway_ref: null });
    expect((await invoiceOf(invoiceId)).status).toBe('open');

    const event = intentEventOf('payment_intent.succeeded', pending?.id ?? '');
    expect(await kit.deliver(event)).toBe('applied');
    const [settled] = await kit.paymentsOf(invoiceId);
    expect(settled).toMatchObject({ status: 'succeeded', gateway_ref: event.data.object.id });
    expect(await invoiceOf(invoiceId)).toMatchObject({ status: 'paid', amount_paid: 4_200 });

    // A duplicate delivery changes nothing: still one payment, one "paid" event.
    expect(await kit.deliver(event)).toBe('applied');
    expect(await kit.paymentsOf(invoiceId)).toHaveLength(1);
    expect(await invoiceOf(invoiceId)).toMatchObject({ status: 'paid', amount_paid: 4_200 });
    expect(await billingEvents('invoice.paid', invoiceId)).toHaveLength(1);
  });

  it('completes a payment that needed 3-D Secure when the customer authenticates later', async () => {
    const { customerId } = await kit.customerWithCard('Authenticator', 'pm_card_authenticationRequired');
    const invoiceId = await kit.chargeInvoice(customerId, 1_500);
    const [waiting] = await kit.paymentsOf(invoiceId);
    expect(waiting).toMatchObject({ status: 'requires_action', failure_code: 'authentication_required' });
    const intentId = waiting?.gateway_ref ?? '';

    // Stripe's own report of the off-session decline leaves it awaiting authentication.
    expect(await kit.deliver(kit.eventAbout('payment_intent.payment_failed', intentId))).toBe('applied');
    expect((await kit.paymentsOf(invoiceId))[0]?.status).toBe('requires_action');

    // The customer authenticates in their browser; Stripe captures and says so.
    const intent = kit.stripe.store.paymentIntents.get(intentId);
    if (!intent) throw new Error('intent missing from the fake');
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.last_payment_error = null;
    const succeeded = kit.stripe.store.emitEvent('payment_intent.succeeded', intent);
    expect(await kit.deliver(shifted(succeeded, 1, succeeded.id))).toBe('applied');
    expect((await kit.paymentsOf(invoiceId))[0]).toMatchObject({ status: 'succeeded', failure_code: null });
    expect(await invoiceOf(invoiceId)).toMatchObject({ status: 'paid', amount_paid: 1_500 });
  });

  it('never turns a recorded success into a failure: a late failure is stale, a contrary one is ignored', async () => {
    const { customerId } = await kit.customerWithCard('Settled Payer', 'pm_card_visa');
    const invoiceId = await kit.chargeInvoice(customerId, 2_000);
    const [paid] = await kit.paymentsOf(invoiceId);
    expect(paid?.status).toBe('succeeded');
    const success = kit.eventAbout('payment_intent.succeeded', paid?.gateway_ref ?? '');
    expect(await kit.deliver(success)).toBe('applied');

    const asFailure = (created: number): StripeEvent => {
      const event = shifted(success, created, `${success.id}_failed${created}`);
      event.type = 'payment_intent.payment_failed';
      Object.assign(event.data.object, {
        status: 'requires_payment_method',
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' },
      });
      return event;
    };
    expect(await kit.deliver(asFailure(-5))).toBe('stale');
    expect(await kit.deliver(asFailure(+5))).toBe('ignored');
    expect((await kit.paymentsOf(invoiceId))[0]?.status).toBe('succeeded');
    expect((await invoiceOf(invoiceId)).status).toBe('paid');
  });

  it('never turns a recorded failure into a success', async () => {
    const { customerId } = await kit.customerWithCard(
      'Declined Payer',
      'pm_card_chargeDeclinedInsufficientFunds',
    );
    const invoiceId = await kit.chargeInvoice(customerId, 3_000);
    const [failed] = await kit.paymentsOf(invoiceId);
    expect(failed).toMatchObject({ status: 'failed', failure_code: 'insufficient_funds' });
    const failure = kit.eventAbout('payment_intent.payment_failed', failed?.gateway_ref ?? '');
    expect(await kit.deliver(failure)).toBe('applied');
    const success = shifted(failure, 5, `${failure.id}_ok`);
    success.type = 'payment_intent.succeeded';
    Object.assign(success.data.object, { status: 'succeeded', last_payment_error: null });
    expect(await kit.deliver(success)).toBe('ignored');
    expect((await kit.paymentsOf(invoiceId))[0]?.status).toBe('failed');
    expect((await invoiceOf(invoiceId)).status).toBe('open');
  });

  it('ignores PaymentIntents that are not ours', async () => {
    const customer = await kit.api.customers.create(
      { name: 'Stranger' },
      { idempotencyKey: 'stranger-customer' },
    );
    const intent = await kit.api.paymentIntents.create(
      { amount: 900, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true },
      { idempotencyKey: 'stranger-intent' },
    );
    expect(await kit.deliver(kit.eventAbout('payment_intent.succeeded', intent.id))).toBe('ignored');
  });
});
