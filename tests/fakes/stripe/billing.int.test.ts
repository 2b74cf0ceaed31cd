import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renewSubscription, startFakeStripe, TEST_PAYMENT_METHODS, type FakeStripe } from './index';

let fake: FakeStripe;
let stripe: Stripe;
let key = 0;
const once = () => ({ idempotencyKey: `k${++key}` });

beforeEach(async () => {
  fake = await startFakeStripe();
  stripe = new Stripe(fake.secretKey, {
    host: fake.host,
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
});
afterEach(() => fake.close());

async function customerWithCard(card = 'pm_card_visa') {
  const customer = await stripe.customers.create({ email: 'a@example.com' }, once());
  const method = await stripe.paymentMethods.attach(card, { customer: customer.id }, once());
  await stripe.customers.update(
    customer.id,
    { invoice_settings: { default_payment_method: method.id } },
    once(),
  );
  return customer;
}

async function monthlyPrice(amount = 1500) {
  const product = await stripe.products.create({ name: 'Pro' }, once());
  return stripe.prices.create(
    { product: product.id, currency: 'eur', unit_amount: amount, recurring: { interval: 'month' } },
    once(),
  );
}

const typesSince = (index: number) => fake.store.events.slice(index).map((event) => event.type);

describe('the fake Stripe’s billing', () => {
  it('starts a subscription with a paid first invoice, periods on the items', async () => {
    const customer = await customerWithCard();
    const price = await monthlyPrice();
    const before = fake.store.events.length;
    const subscription = await stripe.subscriptions.create(
      { customer: customer.id, items: [{ price: price.id, quantity: 2 }] },
      once(),
    );
    expect(subscription).toMatchObject({ status: 'active', currency: 'eur', cancel_at_period_end: false });
    const item = subscription.items.data[0];
    expect(item?.current_period_end).toBeGreaterThan(item?.current_period_start ?? Infinity);
    expect(typesSince(before)).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.created',
    ]);
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_paid: 3000,
      billing_reason: 'subscription_create',
      parent: { subscription_details: { subscription: subscription.id } },
      number: expect.stringMatching(/^[A-Z0-9]{8}-0001$/) as string,
    });
    expect(invoice.lines.data[0]?.pricing?.price_details?.price).toBe(price.id);
  });

  it('fails the first invoice with a declining card (incomplete), and a renewal (past_due)', async () => {
    const customer = await customerWithCard('pm_card_visa_chargeDeclinedInsufficientFunds');
    const price = await monthlyPrice();
    const subscription = await stripe.subscriptions.create(
      { customer: customer.id, items: [{ price: price.id }] },
      once(),
    );
    expect(subscription.status).toBe('incomplete');
    const failed = fake.store.events.find((event) => event.type === 'invoice.payment_failed');
    expect(failed?.data.object).toMatchObject({ status: 'open', attempt_count: 1 });

    const good = await customerWithCard();
    const active = await stripe.subscriptions.create(
      { customer: good.id, items: [{ price: price.id }] },
      once(),
    );
    // The card starts declining, as a card does when its account runs dry.
    const card = fake.store.customers.get(good.id)?.invoice_settings.default_payment_method ?? '';
    const declining = TEST_PAYMENT_METHODS.pm_card_visa_chargeDeclinedInsufficientFunds?.behaviour;
    if (declining) fake.store.behaviours.set(card, declining);
    const renewed = renewSubscription(fake.store, active.id);
    expect(renewed.status).toBe('past_due');
    expect(renewed.items.data[0]?.current_period_start).toBe(active.items.data[0]?.current_period_end);
  });

  it('updates, pauses and resumes collection, changes the price and cancels, emitting what changed', async () => {
    const customer = await customerWithCard();
    const price = await monthlyPrice();
    const bigger = await monthlyPrice(4000);
    const subscription = await stripe.subscriptions.create(
      { customer: customer.id, items: [{ price: price.id }] },
      once(),
    );
    const before = fake.store.events.length;
    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, once());
    await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'void' } }, once());
    const resumed = await stripe.subscriptions.update(subscription.id, { pause_collection: '' }, once());
    expect(resumed.pause_collection).toBeNull();
    const changed = await stripe.subscriptions.update(
      subscription.id,
      {
        items: [{ id: subscription.items.data[0]?.id ?? '', price: bigger.id }],
        proration_behavior: 'create_prorations',
      },
      once(),
    );
    expect(changed.items.data[0]?.price.id).toBe(bigger.id);
    await stripe.subscriptions.cancel(subscription.id);
    expect(typesSince(before)).toEqual([
      'customer.subscription.updated',
      'customer.subscription.updated',
      'customer.subscription.updated',
      'customer.subscription.updated',
      'customer.subscription.deleted',
    ]);
    expect(fake.store.events[before]?.data.previous_attributes).toEqual({
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
    });
    await expect(
      stripe.subscriptions.update(subscription.id, { cancel_at_period_end: false }, once()),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
    });
  });

  it('lists subscriptions 100 a page, all statuses on request, with products expanded', async () => {
    const customer = await customerWithCard();
    const price = await monthlyPrice();
    for (let i = 0; i < 250; i++) {
      await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] }, once());
    }
    const [last] = [...fake.store.subscriptions.keys()].slice(-1);
    await stripe.subscriptions.cancel(last ?? '');
    const pages: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await stripe.subscriptions.list({
        status: 'all',
        limit: 100,
        starting_after: cursor,
        expand: ['data.items.data.price.product'],
      });
      pages.push(page.data.length);
      const product = page.data[0]?.items.data[0]?.price.product as Stripe.Product;
      expect(product.name).toBe('Pro');
      if (!page.has_more) break;
      cursor = page.data.at(-1)?.id;
    }
    expect(pages).toEqual([100, 100, 50]);
    expect((await stripe.subscriptions.list({ limit: 100 })).data.map((s) => s.id)).not.toContain(last);
    // The stored objects keep ids: expansion is per answer.
    expect(typeof fake.store.prices.get(price.id)?.product).toBe('string');
  });
});
