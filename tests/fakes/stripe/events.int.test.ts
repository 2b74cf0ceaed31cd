import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './index';

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

describe('the fake Stripe’s events', () => {
  it('records what each route does, as Stripe event objects with snapshots and the causing request', async () => {
    const customer = await stripe.customers.create({ email: 'a@example.com' }, once());
    const setup = await stripe.setupIntents.create({ customer: customer.id }, once());
    const confirmed = await stripe.setupIntents.confirm(setup.id, { payment_method: 'pm_card_visa' }, once());
    const card = confirmed.payment_method as string;
    await stripe.customers.update(
      customer.id,
      { invoice_settings: { default_payment_method: card } },
      { idempotencyKey: 'set-default' },
    );
    const paid = await stripe.paymentIntents.create(
      {
        amount: 1200,
        currency: 'usd',
        customer: customer.id,
        payment_method: card,
        confirm: true,
        off_session: true,
      },
      once(),
    );
    await expect(
      stripe.paymentIntents.create(
        {
          amount: 500,
          currency: 'usd',
          customer: customer.id,
          payment_method: 'pm_card_chargeDeclined',
          confirm: true,
        },
        once(),
      ),
    ).rejects.toMatchObject({ type: 'StripeCardError' });
    await stripe.refunds.create({ payment_intent: paid.id, amount: 200 }, once());
    await stripe.paymentMethods.detach(card, {}, once());

    const types = fake.store.events.map((event) => event.type);
    expect(types).toEqual([
      'customer.created',
      'setup_intent.created',
      'payment_method.attached',
      'setup_intent.succeeded',
      'customer.updated',
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
      'refund.created',
      'charge.refunded',
      'payment_method.detached',
    ]);
    const updated = fake.store.events[4];
    expect(updated).toMatchObject({
      object: 'event',
      id: expect.stringMatching(/^evt_/) as string,
      livemode: false,
      api_version: Stripe.API_VERSION,
      pending_webhooks: 0,
      request: { id: expect.stringMatching(/^req_/) as string, idempotency_key: 'set-default' },
      data: {
        object: { id: customer.id, invoice_settings: { default_payment_method: card } },
        previous_attributes: { invoice_settings: { default_payment_method: null } },
      },
    });
    const refunded = fake.store.events.find((event) => event.type === 'charge.refunded');
    expect(refunded?.data).toMatchObject({
      object: { amount_refunded: 200, refunded: false },
      previous_attributes: { amount_refunded: 0, refunded: false },
    });
    // Snapshots: the attach event still shows the card attached although it was detached since.
    expect(fake.store.events[2]?.data.object).toMatchObject({ id: card, customer: customer.id });
  });

  it('lists newest first with Stripe’s paging, type and created filters, through the SDK', async () => {
    for (let i = 0; i < 25; i++) await stripe.customers.create({ name: `c${i}` }, once());
    const all = [...fake.store.events].reverse();
    const first = await stripe.events.list({ limit: 10 });
    expect(first.data.map((event) => event.id)).toEqual(all.slice(0, 10).map((event) => event.id));
    expect(first.has_more).toBe(true);
    const seen: string[] = [];
    for await (const event of stripe.events.list({ limit: 7 })) seen.push(event.id);
    expect(seen).toEqual(all.map((event) => event.id));
    const back = await stripe.events.list({ limit: 3, ending_before: all[5]?.id });
    expect(back.data.map((event) => event.id)).toEqual(all.slice(2, 5).map((event) => event.id));
    expect(back.has_more).toBe(true);

    await stripe.customers.update(all[0]?.data.object.id as string, { name: 'renamed' }, once());
    const updates = await stripe.events.list({ type: 'customer.updated' });
    expect(updates.data).toHaveLength(1);
    expect((await stripe.events.list({ type: 'customer.*', limit: 100 })).data).toHaveLength(26);
    const created = fake.store.events[0]?.created ?? 0;
    expect((await stripe.events.list({ created: { gt: created + 3600 } })).data).toEqual([]);
    expect((await stripe.events.list({ created: { gte: created }, limit: 1 })).data).toHaveLength(1);
    const one = await stripe.events.retrieve(updates.data[0]?.id ?? '');
    expect(one.type).toBe('customer.updated');
  });

  it('refuses list parameters Stripe refuses', async () => {
    await expect(stripe.events.list({ limit: 101 })).rejects.toMatchObject({ param: 'limit' });
    await expect(stripe.events.list({ starting_after: 'evt_nope' })).rejects.toMatchObject({
      code: 'resource_missing',
      param: 'starting_after',
    });
  });

  it('tells listeners about each event as it happens', async () => {
    const heard: string[] = [];
    const stop = fake.store.onEvent((event) => heard.push(event.type));
    await stripe.customers.create({}, once());
    stop();
    await stripe.customers.create({}, once());
    expect(heard).toEqual(['customer.created']);
  });
});
