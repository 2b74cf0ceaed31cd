import { describe, expect, it } from 'vitest';
import { featureValueText, isIncluded, priceLabel, sortPrices, trialText } from './feature-text';

describe('featureValueText', () => {
  it('reads flags as on or off, a missing flag as off', () => {
    expect(featureValueText('flag', true)).toBe('On');
    expect(featureValueText('flag', false)).toBe('Off');
    expect(featureValueText('flag', undefined)).toBe('Off');
  });

  it('reads limits as a number, null as unlimited, a missing limit as not included', () => {
    expect(featureValueText('limit', 1000, 'en-US')).toBe('1,000');
    expect(featureValueText('limit', 0, 'en-US')).toBe('0');
    expect(featureValueText('limit', null)).toBe('Unlimited');
    expect(featureValueText('limit', undefined)).toBe('Not included');
  });

  it('counts a limit of 0 and an off flag as not included', () => {
    expect(isIncluded('limit', 0)).toBe(false);
    expect(isIncluded('limit', null)).toBe(true);
    expect(isIncluded('limit', 5)).toBe(true);
    expect(isIncluded('flag', false)).toBe(false);
    expect(isIncluded('flag', true)).toBe(true);
  });
});

describe('prices', () => {
  it('names a price by its amount in the currency’s own form and its interval', () => {
    expect(priceLabel({ amount: 999, currency: 'USD', interval: 'month' })).toBe('$9.99 / month');
    expect(priceLabel({ amount: 1250, currency: 'USD', interval: 'year' })).toBe('$12.50 / year');
    expect(priceLabel({ amount: 500, currency: 'JPY', interval: 'month' })).toBe('¥500 / month');
  });

  it('mentions a trial only when there is one', () => {
    expect(trialText(14)).toBe('14-day trial');
    expect(trialText(0)).toBeNull();
  });

  it('lists active prices first, grouped by currency, monthly before yearly, cheapest first', () => {
    const p = (currency: string, interval: 'month' | 'year', amount: number, status = 'active' as const) => ({
      currency,
      interval,
      amount,
      status,
    });
    const sorted = sortPrices([
      p('USD', 'year', 9990),
      { ...p('USD', 'month', 500), status: 'archived' as const },
      p('EUR', 'month', 949),
      p('USD', 'month', 1250),
      p('USD', 'month', 999),
    ]);
    expect(sorted.map((x) => `${x.currency} ${x.interval} ${x.amount} ${x.status}`)).toEqual([
      'EUR month 949 active',
      'USD month 999 active',
      'USD month 1250 active',
      'USD year 9990 active',
      'USD month 500 archived',
    ]);
  });
});
