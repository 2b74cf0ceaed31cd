import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { FakeStripe } from '../../fakes/stripe';
import { addInterval } from '../../fakes/stripe/billing';
import type { Price, Subscription, SubscriptionItem } from '../../fakes/stripe/billing-objects';
import { previousValues, type StripeEvent } from '../../fakes/stripe/events';
import {
  planOfPrice,
  SUBSCRIPTION_DEFAULTS,
  SUBSCRIPTION_ITEM_DEFAULTS,
} from '../../fakes/stripe/stripe-defaults';
import { stripeEvent } from '../../fakes/stripe/webhooks';

/**
 * A Stripe account for the exactly-once test: customers, products and prices made through
 * the API of the Stripe-compatible fake, and subscriptions that each went through many
 * versions, one `customer.subscription.*` event per version. The fake holds every
 * subscription as its last version: what Stripe answers when the mirror fetches it now.
 */

const DAY = 86_400;
/** Stripe's time between two versions of a subscription. */
const VERSION_GAP = 3_600;

export interface SubscriptionHistory {
  id: string;
  /** Every version, oldest first; the last is the fake's current object. */
  versions: Subscription[];
  /** One event per version, in Stripe's order. */
  events: StripeEvent[];
  /** The two versions whose events share a second, if any (a tie the mirror resolves by fetching). */
  tiedVersions: number[];
}

export interface StripeHistories {
  subscriptions: SubscriptionHistory[];
  events: StripeEvent[];
  customerIds: string[];
  priceIds: string[];
}

export function itemOf(subscription: Subscription): SubscriptionItem {
  const item = subscription.items.data[0];
  if (!item) throw new Error(`subscription ${subscription.id} has no items`);
  return item;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** The two versions that share a second: the last two of every 25th subscription (as a
 * cancellation's two events often do), or two mid-way versions of another every 25th. */
function tiedVersions(i: number, count: number): number[] {
  const last = count - 1;
  if (i % 25 === 3) return [last - 1, last];
  if (i % 25 === 16) return [Math.floor(last / 2), Math.floor(last / 2) + 1];
  return [];
}

/** When each version happened (Unix seconds): an hour apart, but for a tie. */
function versionTimes(start: number, i: number, count: number): number[] {
  const times = Array.from({ length: count }, (_, k) => start + k * VERSION_GAP);
  const [first, second] = tiedVersions(i, count);
  if (first !== undefined && second !== undefined) times[second] = start + first * VERSION_GAP;
  return times;
}

interface Prices {
  monthly: [Price, Price];
  yearly: Price;
}

function firstVersion(store: FakeStripe['store'], i: number, customer: string, price: Price, start: number) {
  const id = store.newId('sub');
  const trialEnd = i % 4 === 0 ? start + 14 * DAY : null;
  const item: SubscriptionItem = {
    ...SUBSCRIPTION_ITEM_DEFAULTS,
    id: store.newId('si'),
    object: 'subscription_item',
    created: start,
    price,
    plan: planOfPrice(price),
    quantity: 1 + (i % 3),
    subscription: id,
    current_period_start: start,
    current_period_end: trialEnd ?? addInterval(start, price.recurring.interval, 1),
    metadata: {},
  };
  const subscription: Subscription = {
    ...SUBSCRIPTION_DEFAULTS,
    id,
    object: 'subscription',
    created: start,
    livemode: false,
    customer,
    currency: price.currency,
    status: trialEnd ? 'trialing' : 'active',
    items: {
      object: 'list',
      data: [item],
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    billing_cycle_anchor: trialEnd ?? start,
    start_date: start,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    ended_at: null,
    trial_start: trialEnd ? start : null,
    trial_end: trialEnd,
    pause_collection: null,
    collection_method: 'charge_automatically',
    default_payment_method: null,
    latest_invoice: null,
    metadata: {},
  };
  return subscription;
}

/** Renewals every fourth version, and for every fifth subscription a move to the yearly price mid-way. */
function movePeriod(next: Subscription, i: number, k: number, last: number, at: number, prices: Prices) {
  const item = itemOf(next);
  if (k % 4 === 0) {
    item.current_period_start = item.current_period_end;
    item.current_period_end = addInterval(item.current_period_end, item.price.recurring.interval, 1);
    if (next.status === 'trialing') next.status = 'active';
  }
  if (i % 5 === 0 && k === Math.floor(last / 2)) {
    item.price = prices.yearly;
    item.plan = planOfPrice(prices.yearly);
    item.current_period_start = at;
    item.current_period_end = addInterval(at, 'year', 1);
    next.billing_cycle_anchor = at;
    if (next.status === 'trialing') next.status = 'active';
  }
}

/** Failed renewals and recoveries, cancellation at period end asked and taken back, paused collection. */
function moveStatus(next: Subscription, i: number, k: number, at: number) {
  if (i % 3 === 1 && k % 6 === 3 && next.status === 'active') next.status = 'past_due';
  if (i % 3 === 1 && k % 6 === 4 && next.status === 'past_due') next.status = 'active';
  if (i % 2 === 0 && k % 5 === 2) {
    next.cancel_at_period_end = true;
    next.cancel_at = itemOf(next).current_period_end;
    next.canceled_at = at;
  }
  if (i % 2 === 0 && k % 5 === 4) {
    next.cancel_at_period_end = false;
    next.cancel_at = null;
    next.canceled_at = null;
  }
  if (i % 6 === 5 && k % 7 === 5) next.pause_collection = { behavior: 'void', resumes_at: at + 30 * DAY };
  if (i % 6 === 5 && k % 7 === 6) next.pause_collection = null;
}

/**
 * Version k of subscription i, made from version k-1 at Stripe time `at`; every third
 * subscription ends canceled. The quantity grows by one per version, so a mirrored
 * snapshot tells which version it was.
 */
function nextVersion(previous: Subscription, i: number, k: number, last: number, at: number, prices: Prices) {
  const next = structuredClone(previous);
  itemOf(next).quantity = itemOf(previous).quantity + 1;
  movePeriod(next, i, k, last, at, prices);
  moveStatus(next, i, k, at);
  if (k === last && i % 3 === 0) {
    next.status = 'canceled';
    next.ended_at = at;
    next.canceled_at = next.canceled_at ?? at;
    next.pause_collection = null;
  }
  return next;
}

/** Ids that sort like Stripe's order within one second (the in-order run takes events by time, then id). */
const eventId = (i: number, k: number) =>
  `evt_1${i.toString(36).padStart(4, '0')}${k.toString(36).padStart(2, '0')}${randomBytes(9).toString('hex')}`;

function eventsOf(versions: Subscription[], times: number[], i: number): StripeEvent[] {
  return versions.map((version, k) => {
    const previous = versions[k - 1];
    const type = !previous
      ? 'customer.subscription.created'
      : version.status === 'canceled'
        ? 'customer.subscription.deleted'
        : 'customer.subscription.updated';
    return stripeEvent(type, structuredClone({ ...version }), {
      id: eventId(i, k),
      created: required(times[k], 'a version time'),
      previousAttributes:
        previous && type === 'customer.subscription.updated' ? previousValues(previous, version) : undefined,
    });
  });
}

function historyOf(
  store: FakeStripe['store'],
  i: number,
  customer: string,
  prices: Prices,
  options: { versions: number; since: number },
): SubscriptionHistory {
  const start = options.since + i * 13;
  const times = versionTimes(start, i, options.versions);
  const last = options.versions - 1;
  const versions = [firstVersion(store, i, customer, prices.monthly[i % 2 ? 1 : 0], start)];
  for (let k = 1; k <= last; k++) {
    const previous = required(versions[k - 1], 'the previous version');
    versions.push(nextVersion(previous, i, k, last, required(times[k], 'a version time'), prices));
  }
  const current = required(versions[last], 'the last version');
  store.subscriptions.set(current.id, structuredClone(current));
  return {
    id: current.id,
    versions,
    events: eventsOf(versions, times, i),
    tiedVersions: tiedVersions(i, options.versions),
  };
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += size) {
    results.push(...(await Promise.all(items.slice(at, at + size).map(work))));
  }
  return results;
}

/**
 * Makes the account in the fake: one customer per subscription, two products with three
 * prices, and each subscription's `versions` versions, the first at `since` (Unix seconds,
 * early enough that every version is in the past).
 */
export async function seedStripeHistories(
  fake: FakeStripe,
  options: { subscriptions: number; versions: number; since: number },
): Promise<StripeHistories> {
  const stripe = new Stripe(fake.secretKey, {
    host: fake.host,
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  let keys = 0;
  const once = () => ({ idempotencyKey: `exactly-once-seed-${++keys}` });
  const price = async (name: string, unitAmount: number, interval: 'month' | 'year') => {
    const product = await stripe.products.create({ name }, once());
    const created = await stripe.prices.create(
      { product: product.id, currency: 'usd', unit_amount: unitAmount, recurring: { interval } },
      once(),
    );
    return required(fake.store.prices.get(created.id), `price ${created.id} in the fake`);
  };
  const prices: Prices = {
    monthly: [await price('Starter', 1900, 'month'), await price('Team', 4900, 'month')],
    yearly: await price('Team yearly', 49000, 'year'),
  };
  const indexes = Array.from({ length: options.subscriptions }, (_, i) => i);
  const customers = await inBatches(indexes, 32, (i) =>
    stripe.customers.create({ email: `customer${i}@exactly-once.example`, name: `Customer ${i}` }, once()),
  );
  const subscriptions = customers.map((customer, i) =>
    historyOf(fake.store, i, customer.id, prices, options),
  );
  return {
    subscriptions,
    events: subscriptions.flatMap((s) => s.events),
    customerIds: customers.map((c) => c.id),
    priceIds: [...prices.monthly, prices.yearly].map((p) => p.id),
  };
}
