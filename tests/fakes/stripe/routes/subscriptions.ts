import type { Subscription, SubscriptionItem, SubscriptionStatus } from '../billing-objects';
import { endSubscription, periodEndFrom, startSubscription, updateSubscription } from '../billing';
import { invalidRequest, resourceMissing } from '../errors';
import { Params, type FormObject, type FormValue } from '../form';
import { listPage } from '../list';
import type { FakeStripeStore } from '../store';
import { findPrice } from './catalog';
import { findCustomer, mergedMetadata } from './customers';
import type { Route } from './route';
import { planOfPrice, SUBSCRIPTION_DEFAULTS, SUBSCRIPTION_ITEM_DEFAULTS } from '../stripe-defaults';

const SECONDS_PER_DAY = 86_400;
const PAUSE_BEHAVIORS = ['keep_as_draft', 'mark_uncollectible', 'void'] as const;
const LIST_STATUSES = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
] as const;

export function findSubscription(store: FakeStripeStore, id: string, param: string): Subscription {
  const subscription = store.subscriptions.get(id);
  if (!subscription) throw resourceMissing('subscription', id, param);
  return subscription;
}

function itemForms(form: FormObject): FormObject[] {
  const items = form.items;
  if (items === undefined) return [];
  const list: FormValue[] = Array.isArray(items) ? items : [];
  if (!Array.isArray(items) || list.some((item) => typeof item !== 'object' || Array.isArray(item))) {
    throw invalidRequest('Invalid array: items must be a list of objects', { param: 'items' });
  }
  return list as FormObject[];
}

function newItem(
  store: FakeStripeStore,
  subscriptionId: string,
  form: FormObject,
  start: number,
  index: number,
): SubscriptionItem {
  const params = new Params(form, ['price', 'quantity', 'metadata']);
  const price = findPrice(store, params.requiredString('price'), `items[${index}][price]`);
  return {
    ...SUBSCRIPTION_ITEM_DEFAULTS,
    id: store.newId('si'),
    object: 'subscription_item',
    created: start,
    price,
    plan: planOfPrice(price),
    quantity: params.integer('quantity', { min: 1 }) ?? 1,
    subscription: subscriptionId,
    current_period_start: start,
    current_period_end: periodEndFrom(start, price),
    metadata: params.metadata(),
  };
}

/** `pause_collection`: an empty string resumes collection; else a behavior and an optional resume time. */
function pauseCollection(form: FormObject): Subscription['pause_collection'] | undefined {
  const value = form.pause_collection;
  if (value === undefined) return undefined;
  if (value === '') return null;
  if (typeof value === 'string' || Array.isArray(value)) {
    throw invalidRequest('Invalid pause_collection: an object or an empty string', {
      param: 'pause_collection',
    });
  }
  const params = new Params(value, ['behavior', 'resumes_at']);
  const behavior = params.oneOf('behavior', PAUSE_BEHAVIORS);
  if (!behavior)
    throw invalidRequest('Missing required param: pause_collection[behavior].', {
      param: 'pause_collection[behavior]',
    });
  return { behavior, resumes_at: params.integer('resumes_at', { min: 1 }) ?? null };
}

function create(store: FakeStripeStore, form: FormObject): Subscription {
  const params = new Params(form, [
    'customer',
    'items',
    'default_payment_method',
    'trial_period_days',
    'cancel_at_period_end',
    'metadata',
    'payment_behavior',
  ]);
  const customer = findCustomer(store, params.requiredString('customer'), 'customer');
  const forms = itemForms(form);
  if (forms.length === 0)
    throw invalidRequest('Missing required param: items.', { code: 'parameter_missing', param: 'items' });
  const trialDays = params.integer('trial_period_days', { min: 0 }) ?? 0;
  const now = store.now();
  const id = store.newId('sub');
  const items = forms.map((item, index) => newItem(store, id, item, now, index));
  const currencies = new Set(items.map((item) => item.price.currency));
  if (currencies.size > 1)
    throw invalidRequest('All prices on a subscription must have the same currency.', { param: 'items' });
  const trialEnd = trialDays > 0 ? now + trialDays * SECONDS_PER_DAY : null;
  if (trialEnd) for (const item of items) item.current_period_end = trialEnd;
  const subscription: Subscription = {
    ...SUBSCRIPTION_DEFAULTS,
    id,
    object: 'subscription',
    created: now,
    livemode: false,
    customer: customer.id,
    currency: items[0]?.price.currency ?? 'usd',
    status: trialEnd ? 'trialing' : 'active',
    items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    billing_cycle_anchor: trialEnd ?? now,
    start_date: now,
    cancel_at: null,
    cancel_at_period_end: params.boolean('cancel_at_period_end') ?? false,
    canceled_at: null,
    ended_at: null,
    trial_start: trialEnd ? now : null,
    trial_end: trialEnd,
    pause_collection: null,
    collection_method: 'charge_automatically',
    default_payment_method: params.string('default_payment_method') ?? null,
    latest_invoice: null,
    metadata: params.metadata(),
  };
  store.subscriptions.set(id, subscription);
  startSubscription(store, subscription);
  store.emitEvent('customer.subscription.created', subscription);
  return subscription;
}

/** Item changes: a new price or quantity for an existing item (prorations are not simulated). */
function changedItems(
  store: FakeStripeStore,
  subscription: Subscription,
  form: FormObject,
): SubscriptionItem[] | undefined {
  const forms = itemForms(form);
  if (forms.length === 0) return undefined;
  return subscription.items.data.map((item) => {
    const index = forms.findIndex((candidate) => candidate.id === item.id);
    const change = forms[index];
    if (!change) return item;
    const params = new Params(change, ['id', 'price', 'quantity']);
    const priceId = params.string('price');
    const price = priceId ? findPrice(store, priceId, `items[${index}][price]`) : item.price;
    if (price.currency !== subscription.currency) {
      throw invalidRequest('All prices on a subscription must have the same currency.', {
        param: `items[${index}][price]`,
      });
    }
    const quantity = params.integer('quantity', { min: 1 }) ?? item.quantity;
    return { ...item, price, plan: planOfPrice(price), quantity };
  });
}

function update(store: FakeStripeStore, id: string, form: FormObject): Subscription {
  const params = new Params(form, [
    'cancel_at_period_end',
    'pause_collection',
    'items',
    'proration_behavior',
    'metadata',
    'default_payment_method',
  ]);
  const subscription = findSubscription(store, id, 'subscription_exposed_id');
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
  }
  const proration = params.oneOf('proration_behavior', [
    'create_prorations',
    'none',
    'always_invoice',
  ] as const);
  if (proration === 'always_invoice') {
    throw invalidRequest('This fake does not invoice prorations at once; use create_prorations or none.', {
      param: 'proration_behavior',
    });
  }
  const change: Partial<Subscription> = {};
  const cancel = params.boolean('cancel_at_period_end');
  if (cancel !== undefined) {
    change.cancel_at_period_end = cancel;
    change.cancel_at = cancel ? (subscription.items.data[0]?.current_period_end ?? null) : null;
    change.canceled_at = cancel ? store.now() : null;
  }
  const pause = pauseCollection(form);
  if (pause !== undefined) change.pause_collection = pause;
  const items = changedItems(store, subscription, form);
  if (items) change.items = { ...subscription.items, data: items };
  if (params.has('metadata')) change.metadata = mergedMetadata(subscription.metadata, params.metadata());
  const method = params.string('default_payment_method');
  if (method !== undefined) change.default_payment_method = method || null;
  updateSubscription(store, subscription, change);
  return subscription;
}

export const subscriptionRoutes: Route[] = [
  { method: 'POST', path: '/v1/subscriptions', handle: ({ store, form }) => create(store, form) },
  {
    method: 'GET',
    path: '/v1/subscriptions/:id',
    handle: ({ store, pathParams }) => findSubscription(store, pathParams.id ?? '', 'id'),
  },
  {
    method: 'POST',
    path: '/v1/subscriptions/:id',
    handle: ({ store, form, pathParams }) => update(store, pathParams.id ?? '', form),
  },
  {
    method: 'DELETE',
    path: '/v1/subscriptions/:id',
    handle({ store, form, pathParams }) {
      new Params(form, ['prorate', 'invoice_now', 'cancellation_details']);
      const subscription = findSubscription(store, pathParams.id ?? '', 'subscription_exposed_id');
      if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
        throw invalidRequest('This subscription is already canceled.');
      }
      endSubscription(store, subscription);
      return subscription;
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions',
    handle({ store, form }) {
      const params = new Params(form, [
        'limit',
        'starting_after',
        'ending_before',
        'created',
        'customer',
        'price',
        'status',
      ]);
      const customer = params.string('customer');
      const price = params.string('price');
      const status = params.oneOf('status', LIST_STATUSES);
      const ended: readonly SubscriptionStatus[] = ['canceled', 'incomplete_expired'];
      const statusMatches = (candidate: SubscriptionStatus) => {
        if (status === 'all') return true;
        if (status === 'ended') return ended.includes(candidate);
        if (status === undefined) return candidate !== 'canceled' && candidate !== 'incomplete_expired';
        return candidate === status;
      };
      return listPage(store.subscriptions.values(), form, {
        url: '/v1/subscriptions',
        noun: 'subscription',
        matches: (s) =>
          statusMatches(s.status) &&
          (customer === undefined || s.customer === customer) &&
          (price === undefined || s.items.data.some((item) => item.price.id === price)),
      });
    },
  },
];
