import { describe, expect, it } from 'vitest';
import type { PlanWithPrices, Price, ProductWithPlans } from '../../../shared/catalog/types';
import { planOptions, priceSelectData, pricesIn } from './catalog-options';
import type { CatalogOverview } from './types';

const price = (id: string, amount: number, currency: string, over: Partial<Price> = {}): Price => ({
  id,
  planId: 'p',
  amount,
  currency,
  interval: 'month',
  trialDays: 0,
  status: 'active',
  createdAt: 0,
  updatedAt: 0,
  ...over,
});
const plan = (id: string, name: string, prices: Price[], over: Partial<PlanWithPrices> = {}) =>
  ({
    id,
    productId: 'prod',
    name,
    description: null,
    status: 'active',
    sortOrder: 0,
    isDefault: false,
    version: 1,
    features: {},
    createdAt: 0,
    updatedAt: 0,
    prices,
    ...over,
  }) satisfies PlanWithPrices;
const product = (name: string, plans: PlanWithPrices[]): ProductWithPlans => ({
  id: name,
  name,
  description: null,
  status: 'active',
  createdAt: 0,
  updatedAt: 0,
  plans,
});

const overview: CatalogOverview = {
  features: [],
  products: [
    product('Courses', [
      plan('pro', 'Pro', [
        price('pro-usd', 999, 'USD'),
        price('pro-eur', 949, 'EUR'),
        price('pro-old', 799, 'USD', { status: 'archived' }),
      ]),
      plan('legacy', 'Legacy', [price('legacy-usd', 500, 'USD')], { status: 'archived' }),
      plan('ent', 'Enterprise', [
        price('ent-usd', 9900, 'USD'),
        price('ent-usd-y', 99000, 'USD', { interval: 'year' }),
      ]),
    ]),
  ],
};

describe('pricesIn', () => {
  it('offers only active prices of active plans in the subscription’s currency', () => {
    expect(pricesIn(overview, 'USD').map((p) => p.id)).toEqual(['pro-usd', 'ent-usd', 'ent-usd-y']);
    expect(pricesIn(overview, 'EUR').map((p) => p.id)).toEqual(['pro-eur']);
  });
});

describe('priceSelectData', () => {
  it('groups by plan and marks the current price', () => {
    expect(priceSelectData(pricesIn(overview, 'USD'), 'pro-usd')).toEqual([
      { group: 'Pro', items: [{ value: 'pro-usd', label: 'Pro · $9.99 / month (current)' }] },
      {
        group: 'Enterprise',
        items: [
          { value: 'ent-usd', label: 'Enterprise · $99.00 / month' },
          { value: 'ent-usd-y', label: 'Enterprise · $990.00 / year' },
        ],
      },
    ]);
  });
});

describe('planOptions', () => {
  it('names plans alone while there is one product, with the product when there are several', () => {
    expect(planOptions(overview).map((o) => o.label)).toEqual(['Pro', 'Legacy', 'Enterprise']);
    const two = { ...overview, products: [...overview.products, product('Books', [plan('b', 'Basic', [])])] };
    expect(planOptions(two).at(-1)).toEqual({ value: 'b', label: 'Books · Basic' });
  });
});
