import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './index';
import { openDispute } from './routes/disputes';
import { sdkShapes, type SdkShape } from './sdk-shapes';

/**
 * Every object the fake serves carries each field the stripe SDK's declarations mark as
 * always present (null only where the declared type allows null). Code that starts reading
 * a new field then reads what Stripe would send, rather than passing against a sparse fake
 * and breaking against Stripe.
 */

let fake: FakeStripe;
let keys = 0;
const once = () => ({ idempotencyKey: `completeness-${++keys}` });

/** One of each thing the fake does, through the SDK: every object type it serves, and their events. */
async function everyKindOfObject(stripe: Stripe): Promise<void> {
  const customer = await stripe.customers.create({ email: 'shape@example.com', name: 'Shape' }, once());
  const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id }, once());
  await stripe.customers.update(
    customer.id,
    { invoice_settings: { default_payment_method: card.id } },
    once(),
  );
  const setup = await stripe.setupIntents.create({ customer: customer.id }, once());
  await stripe.setupIntents.confirm(setup.id, { payment_method: 'pm_card_mastercard' }, once());
  const intent = await stripe.paymentIntents.create(
    {
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      payment_method: card.id,
      confirm: true,
      off_session: true,
    },
    once(),
  );
  await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 }, once());
  openDispute(fake.store, intent.latest_charge as string);
  const product = await stripe.products.create({ name: 'Shape plan' }, once());
  const price = await stripe.prices.create(
    { product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } },
    once(),
  );
  const subscription = await stripe.subscriptions.create(
    { customer: customer.id, items: [{ price: price.id }] },
    once(),
  );
  await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, once());
  await stripe.paymentMethods.detach(card.id, {}, once());
}

interface Served {
  where: string;
  value: Record<string, unknown>;
}

/** Every Stripe object inside `value` (an object with an `object` field, lists excepted), with where it was found. */
function* servedObjects(value: unknown, where: string): Generator<Served> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* servedObjects(item, `${where}[${index}]`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record.object === 'string' && record.object !== 'list') yield { where, value: record };
  for (const [key, inner] of Object.entries(record)) yield* servedObjects(inner, `${where}.${key}`);
}

/** The SDK interface an object stands for: by event type for events, by `object` (and `deleted`) otherwise. */
function shapeOf(served: Record<string, unknown>): SdkShape | undefined {
  const shapes = sdkShapes();
  if (served.object === 'event') return shapes.eventByType.get(served.type as string);
  const candidates = shapes.byObject.get(served.object as string) ?? [];
  return candidates.find((shape) => shape.fields.has('deleted') === (served.deleted === true));
}

/** What an object lacks of its SDK shape: missing fields, and nulls where the type has none. */
function gaps(served: Record<string, unknown>, shape: SdkShape): string[] {
  const found: string[] = [];
  for (const [name, field] of shape.fields) {
    if (!Object.hasOwn(served, name) || served[name] === undefined) found.push(name);
    else if (served[name] === null && !field.nullable)
      found.push(`${name} (null, but never null in the SDK)`);
  }
  return found;
}

beforeAll(async () => {
  fake = await startFakeStripe();
  const stripe = new Stripe(fake.secretKey, {
    host: fake.host,
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  await everyKindOfObject(stripe);
});
afterAll(() => fake?.close());

function everythingServed(): Served[] {
  const store = fake.store;
  const maps = {
    customers: store.customers,
    paymentMethods: store.paymentMethods,
    setupIntents: store.setupIntents,
    paymentIntents: store.paymentIntents,
    charges: store.charges,
    refunds: store.refunds,
    disputes: store.disputes,
    products: store.products,
    prices: store.prices,
    subscriptions: store.subscriptions,
    invoices: store.invoices,
  };
  return [
    ...Object.entries(maps).flatMap(([name, map]) => [...servedObjects([...map.values()], name)]),
    ...servedObjects(store.events, 'events'),
  ];
}

describe('the fake Stripe’s objects against the SDK’s declarations', () => {
  it('serves every kind of object Tollgate uses', () => {
    const kinds = new Set(everythingServed().map((served) => served.value.object));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'charge',
        'customer',
        'dispute',
        'event',
        'invoice',
        'line_item',
        'payment_intent',
        'payment_method',
        'price',
        'product',
        'refund',
        'setup_intent',
        'subscription',
        'subscription_item',
      ]),
    );
  });

  it('carries every field the SDK marks as always present', () => {
    const lacking: Record<string, string[]> = {};
    for (const { where, value } of everythingServed()) {
      const shape = shapeOf(value);
      const label = `${String(value.object)}${value.object === 'event' ? ` ${String(value.type)}` : ''}`;
      if (!shape) {
        lacking[label] = [`no SDK interface for this object (found at ${where})`];
        continue;
      }
      const missing = gaps(value, shape);
      if (missing.length) lacking[`${label} (${shape.name})`] = missing;
    }
    expect(lacking).toEqual({});
  });
});
