import { describe, expect, it } from 'vitest';
import type { CatalogOverview, Price } from '../../../shared/catalog/types';
import {
  billingCurrency,
  priceOptionLabel,
  startSummary,
  subscribablePlans,
  trialDaysHint,
} from './subscribe-options';

const price = (id: string, currency: string, amount: number, status: Price['status'] = 'active'): Price => ({
  id,
  planId: 'pln',
  amount,
  currency,
  interval: 'month',
  trialDays: 0,
  status,
  createdAt: 1,
  updatedAt: 1,
});

const plan = (id: string, prices: Price[], status: 'active' | 'archived' = 'active') => ({
  id,
  productId: 'prd',
  name: id,
  description: null,
  status,
  sortOrder: 0,
  isDefault: false,
  version: 1,
  features: {},
  createdAt: 1,
  updatedAt: 1,
  prices,
});

const catalog: CatalogOverview = {
  features: [],
  products: [
    {
      id: 'prd',
      name: 'Courses',
      description: null,
      status: 'active',
      createdAt: 1,
      updatedAt: 1,
      plans: [
        plan('Free', [price('free-usd', 'USD', 0)]),
        plan('Pro', [
          price('pro-usd', 'USD', 999),
          price('pro-eur', 'EUR', 949),
          price('old', 'USD', 500, 'archived'),
        ]),
        plan('Euro only', [price('eu', 'EUR', 100)]),
        plan('Retired', [price('r', 'USD', 100)], 'archived'),
      ],
    },
  ],
};

describe('subscribablePlans', () => {
  it('offers active plans with their active prices in the customer’s currency', () => {
    const options = subscribablePlans(catalog, 'USD');
    expect(options.map((o) => [o.plan.name, o.prices.map((p) => p.id)])).toEqual([
      ['Free', ['free-usd']],
      ['Pro', ['pro-usd']],
    ]);
  });

  it('offers every currency to a customer not yet billed in one', () => {
    const pro = subscribablePlans(catalog, null).find((o) => o.plan.name === 'Pro');
    expect(pro?.prices.map((p) => p.id)).toEqual(['pro-usd', 'pro-eur']);
  });
});

describe('billingCurrency', () => {
  it('is the currency of a subscription that has not ended, else none', () => {
    expect(
      billingCurrency([
        { status: 'canceled', currency: 'EUR' },
        { status: 'active', currency: 'USD' },
      ]),
    ).toBe('USD');
    expect(billingCurrency([{ status: 'canceled', currency: 'EUR' }])).toBeNull();
    expect(billingCurrency([])).toBeNull();
  });
});

describe('what the dialog says', () => {
  it('labels a price with amount, interval, currency and trial', () => {
    expect(priceOptionLabel({ ...price('p', 'USD', 999), trialDays: 14 })).toBe(
      '$9.99 / month · USD · 14-day trial',
    );
    expect(priceOptionLabel(price('p', 'EUR', 949))).toBe('€9.49 / month · EUR');
  });

  it('summarizes the start: a trial, a charge now (times the quantity), or nothing to pay', () => {
    const now = Date.UTC(2026, 0, 1);
    const pro = price('p', 'USD', 999);
    const noCard = { card: null, trialEndBehavior: 'cancel' } as const;
    expect(startSummary(pro, 1, { ...noCard, trialDays: 14 }, now)).toBe(
      'Free until Jan 15, 2026, then $9.99 / month. Without a card by then, the subscription is canceled.',
    );
    expect(startSummary(pro, 1, { trialDays: 14, card: null, trialEndBehavior: 'incomplete' }, now)).toBe(
      'Free until Jan 15, 2026, then $9.99 / month. Without a card by then, it stays incomplete until one is added.',
    );
    expect(startSummary(pro, 3, { ...noCard, trialDays: 0 }, now)).toBe(
      'Invoiced at once, then $29.97 / month; with no card the invoice stays open until one pays it.',
    );
    expect(startSummary(price('f', 'USD', 0), 1, { ...noCard, trialDays: 0 }, now)).toBe(
      'Starts at once; nothing to pay ($0.00 / month).',
    );
  });

  it('names the card on file and when it is charged, never a trial without a card', () => {
    const now = Date.UTC(2026, 11, 6);
    const pro = price('p', 'USD', 999);
    const visa = { card: 'Visa •••• 4242', trialEndBehavior: 'cancel' } as const;
    expect(startSummary(pro, 1, { ...visa, trialDays: 14 }, now)).toBe(
      'The trial ends on Dec 20, 2026; then Visa •••• 4242 is charged $9.99 / month.',
    );
    expect(startSummary(pro, 3, { ...visa, trialDays: 0 }, now)).toBe(
      'Visa •••• 4242 is charged at once, then $29.97 / month.',
    );
    expect(trialDaysHint('Visa •••• 4242')).toBe('0 charges Visa •••• 4242 at once');
    expect(trialDaysHint(null)).toBe('0 invoices at once, to pay with a card later');
  });
});
