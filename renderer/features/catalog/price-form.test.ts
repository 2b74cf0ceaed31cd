import { describe, expect, it } from 'vitest';
import {
  currencyOptions,
  priceCreateFrom,
  priceFormDefaults,
  validatePriceForm,
  type PriceFormValues,
} from './price-form';

const PLAN = `pln_${'2'.repeat(26)}`;
const values = (patch: Partial<PriceFormValues>): PriceFormValues => ({
  amount: '12.50',
  currency: 'USD',
  interval: 'month',
  trialDays: 0,
  ...patch,
});

describe('price form', () => {
  it('starts in the currency and trial of the plan’s first active price', () => {
    const price = { currency: 'EUR', trialDays: 14 };
    expect(
      priceFormDefaults({
        prices: [
          { ...price, status: 'archived', currency: 'GBP' },
          { ...price, status: 'active' },
        ] as never,
      }),
    ).toMatchObject({ currency: 'EUR', trialDays: 14, interval: 'month', amount: '' });
    expect(priceFormDefaults({ prices: [] })).toMatchObject({ currency: 'USD', trialDays: 0 });
  });

  it('reports each bad field with the shared schema’s words', () => {
    expect(validatePriceForm(values({ amount: '', currency: null, trialDays: 1000 }))).toEqual({
      currency: 'Choose a currency',
      trialDays: 'Trial days must be at most 730',
    });
    expect(validatePriceForm(values({ amount: 'x' }))).toEqual({ amount: 'Enter an amount like 9.99' });
    expect(validatePriceForm(values({ amount: '5.5', currency: 'JPY' }))).toEqual({
      amount: 'JPY amounts are whole numbers',
    });
    expect(validatePriceForm(values({ amount: '-1' }))).toEqual({ amount: 'Amount cannot be negative' });
    expect(validatePriceForm(values({ amount: '1000000' }))).toEqual({
      amount: 'Amount must be at most $999,999.99',
    });
    expect(validatePriceForm(values({}))).toEqual({});
  });

  it('builds the create input with the amount in minor units', () => {
    expect(priceCreateFrom(PLAN, values({ trialDays: '' }))).toEqual({
      planId: PLAN,
      amount: 1250,
      currency: 'USD',
      interval: 'month',
      trialDays: 0,
    });
  });

  it('offers each currency once, the common ones first', () => {
    const [common, all] = currencyOptions();
    expect(common?.items[0]?.value).toBe('USD');
    const codes = [...(common?.items ?? []), ...(all?.items ?? [])].map((item) => item.value);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain('NZD');
    expect(codes).not.toContain('XAU');
  });
});
