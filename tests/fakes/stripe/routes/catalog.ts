import type { Price, Product, RecurringInterval } from '../billing-objects';
import { invalidRequest, resourceMissing } from '../errors';
import { Params, type FormObject } from '../form';
import { listPage } from '../list';
import type { FakeStripeStore } from '../store';
import type { Route } from './route';
import { decimalText, PRICE_DEFAULTS, PRODUCT_DEFAULTS } from '../stripe-defaults';

export function findProduct(store: FakeStripeStore, id: string, param: string): Product {
  const product = store.products.get(id);
  if (!product) throw resourceMissing('product', id, param);
  return product;
}

export function findPrice(store: FakeStripeStore, id: string, param: string): Price {
  const price = store.prices.get(id);
  if (!price) throw resourceMissing('price', id, param);
  return price;
}

const INTERVALS: readonly RecurringInterval[] = ['day', 'week', 'month', 'year'];

/** `recurring[interval]` and `recurring[interval_count]`: only recurring prices are needed here. */
function recurring(form: FormObject): Price['recurring'] {
  const value = form.recurring;
  if (value === undefined || typeof value === 'string' || Array.isArray(value)) {
    throw invalidRequest('This fake makes recurring prices only: pass recurring[interval].', {
      code: 'parameter_missing',
      param: 'recurring',
    });
  }
  const params = new Params(value, ['interval', 'interval_count', 'usage_type']);
  const interval = params.oneOf('interval', INTERVALS);
  if (!interval)
    throw invalidRequest('Missing required param: recurring[interval].', { param: 'recurring[interval]' });
  return {
    interval,
    interval_count: params.integer('interval_count', { min: 1 }) ?? 1,
    usage_type: 'licensed',
  };
}

export const catalogRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/products',
    handle({ store, form }) {
      const params = new Params(form, ['name', 'description', 'active', 'metadata']);
      const now = store.now();
      const product: Product = {
        ...PRODUCT_DEFAULTS,
        id: store.newId('prod'),
        object: 'product',
        created: now,
        updated: now,
        livemode: false,
        active: params.boolean('active') ?? true,
        name: params.requiredString('name'),
        description: params.string('description') ?? null,
        metadata: params.metadata(),
      };
      store.products.set(product.id, product);
      store.emitEvent('product.created', product);
      return product;
    },
  },
  {
    method: 'GET',
    path: '/v1/products/:id',
    handle: ({ store, pathParams }) => findProduct(store, pathParams.id ?? '', 'id'),
  },
  {
    method: 'POST',
    path: '/v1/prices',
    handle({ store, form }) {
      const params = new Params(form, [
        'currency',
        'unit_amount',
        'product',
        'recurring',
        'nickname',
        'metadata',
      ]);
      const product = findProduct(store, params.requiredString('product'), 'product');
      const currency = params.requiredString('currency');
      if (!/^[a-zA-Z]{3}$/.test(currency))
        throw invalidRequest(`Invalid currency: ${currency}.`, { param: 'currency' });
      const unitAmount = params.integer('unit_amount', { required: true, min: 0 }) ?? 0;
      const price: Price = {
        ...PRICE_DEFAULTS,
        unit_amount_decimal: decimalText(unitAmount),
        id: store.newId('price'),
        object: 'price',
        created: store.now(),
        livemode: false,
        active: true,
        currency: currency.toLowerCase(),
        unit_amount: unitAmount,
        product: product.id,
        nickname: params.string('nickname') ?? null,
        type: 'recurring',
        recurring: recurring(form),
        metadata: params.metadata(),
      };
      store.prices.set(price.id, price);
      store.emitEvent('price.created', price);
      return price;
    },
  },
  {
    method: 'GET',
    path: '/v1/prices/:id',
    handle: ({ store, pathParams }) => findPrice(store, pathParams.id ?? '', 'price'),
  },
  {
    method: 'GET',
    path: '/v1/prices',
    handle({ store, form }) {
      const params = new Params(form, [
        'limit',
        'starting_after',
        'ending_before',
        'created',
        'product',
        'active',
      ]);
      const product = params.string('product');
      const active = params.boolean('active');
      return listPage(store.prices.values(), form, {
        url: '/v1/prices',
        noun: 'price',
        matches: (price) =>
          (product === undefined || price.product === product) &&
          (active === undefined || price.active === active),
      });
    },
  },
];
