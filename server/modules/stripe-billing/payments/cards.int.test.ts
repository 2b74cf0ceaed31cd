import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEvent } from '../../../../tests/fakes/stripe';
import { OWN_ATTACH_GRACE_MS } from './cards';
import { shifted, startPaymentEventsKit, type PaymentEventsKit } from './payments.test-kit';

let kit: PaymentEventsKit;
beforeAll(async () => {
  kit = await startPaymentEventsKit();
});
afterAll(async () => {
  await kit?.close();
});

const db = () => kit.world.database.db;
const cardByRef = (ref: string) =>
  db().selectFrom('payment_methods').selectAll().where('gateway_ref', '=', ref).executeTakeFirst();
const customerRow = (id: string) =>
  db().selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const gatewayRefOf = async (customerId: string) => (await customerRow(customerId)).gateway_customer_ref ?? '';

let dashboardKeys = 0;
/** A card attached in Stripe's dashboard, not through Tollgate; returns its PaymentMethod id. */
async function attachInDashboard(customerId: string, testCard: string): Promise<string> {
  const method = await kit.api.paymentMethods.attach(
    testCard,
    { customer: await gatewayRefOf(customerId) },
    { idempotencyKey: `dashboard-attach-${++dashboardKeys}` },
  );
  return method.id;
}
const detachInDashboard = (ref: string) =>
  kit.api.paymentMethods.detach(ref, {}, { idempotencyKey: `dashboard-detach-${++dashboardKeys}` });

describe('payment_method.attached / detached, setup_intent.succeeded', () => {
  it('mirrors a card attached in Stripe: brand, last four and expiry only, once', async () => {
    const { customerId, cardRef: first } = await kit.customerWithCard('Two Cards', 'pm_card_visa');
    const ref = await attachInDashboard(customerId, 'pm_card_mastercard');
    const event = kit.eventAbout('payment_method.attached', ref);
    expect(await kit.deliver(event)).toBe('applied');
    expect(await kit.deliver(event)).toBe('applied');
    const cards = await db()
      .selectFrom('payment_methods')
      .selectAll()
      .where('customer_id', '=', customerId)
      .execute();
    expect(cards.map((c) => c.gateway_ref).sort()).toEqual([first, ref].sort());
    expect(await cardByRef(ref)).toMatchObject({
      gateway: 'stripe',
      brand: 'mastercard',
      last4: '4444',
      exp_month: 12,
      status: 'active',
      customer_id: customerId,
    });
    // The first card stays the default; a second card does not take over.
    expect((await customerRow(customerId)).default_payment_method_id).toBe((await cardByRef(first))?.id);
  });

  it('leaves a card Tollgate is saving itself to that command, unless the command clearly died', async () => {
    const { customerId, cardRef } = await kit.customerWithCard('Own Attach', 'pm_card_visa');
    const own = kit.eventAbout('payment_method.attached', cardRef);
    expect(own.request.idempotency_key).toMatch(/^attach:/);
    expect(await kit.deliver(own)).toBe('applied');
    const rows = await db()
      .selectFrom('payment_methods')
      .select('id')
      .where('customer_id', '=', customerId)
      .execute();
    expect(rows).toHaveLength(1);

    // The same kind of event for a card the command has not saved (yet): wait, then take over.
    const ref = await attachInDashboard(customerId, 'pm_card_amex');
    const pretendOwn: StripeEvent = structuredClone(kit.eventAbout('payment_method.attached', ref));
    pretendOwn.request.idempotency_key = `attach:${customerId}:0000`;
    await expect(kit.deliver(pretendOwn)).rejects.toThrow(/being saved by Tollgate/);
    expect(await cardByRef(ref)).toBeUndefined();
    // Past the grace measured from the event's own (wall-clock) time, however long the run took to get here.
    kit.world.clock.set(
      Math.max(kit.world.clock.now(), pretendOwn.created * 1000) + OWN_ATTACH_GRACE_MS + 1_000,
    );
    expect(await kit.deliver(pretendOwn)).toBe('applied');
    expect(await cardByRef(ref)).toMatchObject({ status: 'active', last4: '0005' });
  });

  it('marks a card detached in Stripe detached, and no longer the default', async () => {
    const { customerId, cardRef } = await kit.customerWithCard('Detacher', 'pm_card_visa');
    await detachInDashboard(cardRef);
    expect(await kit.deliver(kit.eventAbout('payment_method.detached', cardRef))).toBe('applied');
    expect(await cardByRef(cardRef)).toMatchObject({ status: 'detached' });
    expect((await customerRow(customerId)).default_payment_method_id).toBeNull();
  });

  it('ends detached when the detach is delivered before the attach, in the same second or earlier', async () => {
    const { customerId } = await kit.customerWithCard('Reordered', 'pm_card_visa');
    const ref = await attachInDashboard(customerId, 'pm_card_mastercard');
    await detachInDashboard(ref);
    const attached = kit.eventAbout('payment_method.attached', ref);
    const detached = kit.eventAbout('payment_method.detached', ref);
    // Same second (or not): the attach is resolved by asking Stripe, which says detached.
    expect(await kit.deliver(detached)).toBe('ignored');
    expect(await kit.deliver(attached)).not.toBe('applied');
    expect(await cardByRef(ref)).toBeUndefined();

    // Clearly ordered: a detach one second after an attach, delivered first; the attach is stale.
    const ref2 = await attachInDashboard(customerId, 'pm_card_amex');
    const attached2 = kit.eventAbout('payment_method.attached', ref2);
    expect(await kit.deliver(attached2)).toBe('applied');
    await detachInDashboard(ref2);
    const detached2 = shifted(kit.eventAbout('payment_method.detached', ref2), 2, 'evt_detach_later');
    const reattached = shifted(attached2, 1, 'evt_attach_again');
    expect(await kit.deliver(detached2)).toBe('applied');
    expect(await kit.deliver(reattached)).toBe('stale');
    expect(await cardByRef(ref2)).toMatchObject({ status: 'detached' });
  });

  it('mirrors the card a SetupIntent saved', async () => {
    const { customerId } = await kit.customerWithCard('Set Up', 'pm_card_visa');
    const intent = await kit.api.setupIntents.create(
      { customer: await gatewayRefOf(customerId), usage: 'off_session' },
      { idempotencyKey: 'setup-1' },
    );
    const confirmed = await kit.api.setupIntents.confirm(
      intent.id,
      { payment_method: 'pm_card_mastercard' },
      { idempotencyKey: 'setup-1-confirm' },
    );
    const ref = confirmed.payment_method as string;
    expect(await kit.deliver(kit.eventAbout('setup_intent.succeeded', intent.id))).toBe('applied');
    expect(await cardByRef(ref)).toMatchObject({
      customer_id: customerId,
      brand: 'mastercard',
      status: 'active',
    });
  });

  it('charges invoices in recovery at once with a card attached in Stripe', async () => {
    const { customerId } = await kit.customerWithCard('Rescued', 'pm_card_chargeDeclinedInsufficientFunds');
    const invoiceId = await kit.chargeInvoice(customerId, 2_500);
    const recovery = await db()
      .selectFrom('invoice_recoveries')
      .select('status')
      .where('invoice_id', '=', invoiceId)
      .executeTakeFirst();
    expect(recovery?.status).toBe('retrying');

    const ref = await attachInDashboard(customerId, 'pm_card_visa');
    expect(await kit.deliver(kit.eventAbout('payment_method.attached', ref))).toBe('applied');
    const invoice = await db()
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 2_500 });
    const payments = await kit.paymentsOf(invoiceId);
    expect(payments.at(-1)).toMatchObject({
      status: 'succeeded',
      payment_method_id: (await cardByRef(ref))?.id,
    });
  });

  it('ignores cards of Stripe customers that are not ours', async () => {
    const stranger = await kit.api.customers.create(
      { name: 'Stranger' },
      { idempotencyKey: 'card-stranger' },
    );
    const method = await kit.api.paymentMethods.attach(
      'pm_card_visa',
      { customer: stranger.id },
      { idempotencyKey: 'card-stranger-attach' },
    );
    expect(await kit.deliver(kit.eventAbout('payment_method.attached', method.id))).toBe('ignored');
    expect(await cardByRef(method.id)).toBeUndefined();
  });
});
