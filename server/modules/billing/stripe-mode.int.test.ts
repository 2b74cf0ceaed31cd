import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../../../tests/fakes/stripe';
import { gatewayProvider } from '../../gateways/provider';
import { createBillingWorld, type BillingWorld } from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';

/**
 * The billing engine on the real Stripe SDK, against the Stripe-compatible fake: the same
 * commands staff run in sandbox mode create Stripe customers, attach payment methods,
 * charge PaymentIntents off-session and refund them.
 */

let stripe: FakeStripe;
let world: BillingWorld;

beforeAll(async () => {
  stripe = await startFakeStripe();
  world = await createBillingWorld();
  world.services.gateways = gatewayProvider(
    {
      stripeSecretKey: stripe.secretKey,
      stripeHost: stripe.host,
      stripePort: stripe.port,
      stripeProtocol: 'http',
    },
    world.database.db,
    world.clock,
  );
});
afterAll(async () => {
  await world?.close();
  await stripe?.close();
});

const staff = () => world.as('billingA');
const newCustomer = async (name: string) =>
  (
    await world.as('adminA').customers.create({
      name,
      email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
      country: 'US',
    })
  ).id;

describe('billing in Stripe mode', () => {
  it('says so, and refuses test clocks (simulated time would charge real cards)', async () => {
    expect(await staff().billing.gateway()).toEqual({ name: 'stripe' });
    const seen = await expectDomainError(() => staff().testClocks.create({ name: 'No' }), 'INVALID_STATE');
    expect(seen.message).toMatch(/only in sandbox mode/);
  });

  it('subscribes with a Stripe payment method, charging once with our idempotency key', async () => {
    const customerId = await newCustomer('Stripe Payer');
    const card = await staff().paymentMethods.add({ customerId, source: 'pm_card_visa' });
    expect(card).toMatchObject({ gateway: 'stripe', brand: 'visa', last4: '4242', isDefault: true });
    const started = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    expect(started.subscription.status).toBe('active');
    expect(started.invoice).toMatchObject({ status: 'paid', amountPaid: 999 });
    const payment = started.payment && 'payment' in started.payment ? started.payment.payment : null;
    expect(payment?.gatewayRef).toMatch(/^pi_/);
    const intents = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(intents).toHaveLength(1);
    expect(intents[0]?.headers['idempotency-key']).toBe(payment?.idempotencyKey);
    expect(intents[0]?.form).toMatchObject({
      amount: '999',
      currency: 'usd',
      off_session: 'true',
      confirm: 'true',
    });

    const refund = await world
      .as('owner', world.tenants.A.id)
      .payments.refund({ paymentId: payment?.id ?? '', amount: 300, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 300 });
    expect(refund.gatewayRef).toMatch(/^re_/);
  });

  it('records Stripe’s decline and leaves the subscription incomplete', async () => {
    const customerId = await newCustomer('Stripe Decliner');
    await staff().paymentMethods.add({ customerId, source: 'pm_card_chargeDeclinedInsufficientFunds' });
    const started = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.enterpriseMonthlyUsd,
      trialDays: 0,
    });
    expect(started.subscription.status).toBe('incomplete');
    expect(started.payment).toMatchObject({
      outcome: 'failed',
      payment: { failureCode: 'insufficient_funds' },
    });
  });

  it('shows a card Stripe refuses at attach on the field, saving nothing', async () => {
    const customerId = await newCustomer('Stripe Refused');
    const seen = await expectDomainError(
      () => staff().paymentMethods.add({ customerId, source: 'pm_card_chargeDeclined' }),
      'PAYMENT_DECLINED',
    );
    expect(seen.data.fieldErrors?.source).toBeDefined();
    expect((await staff().billing.customer({ customerId })).paymentMethods).toEqual([]);
  });
});
