import { describe, expect, it } from 'vitest';
import { featureKey, priceCreateInput } from './schema';

const price = { planId: `pln_${'0'.repeat(26)}`, amount: 999, currency: 'usd', interval: 'month' };

describe('catalog input', () => {
  it('takes lowercase dotted feature keys only', () => {
    for (const ok of ['courses.max', 'branding.white_label', 'a.b.c', 'api2.v1'])
      expect(featureKey.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      'courses',
      'Courses.max',
      'courses..max',
      '.courses',
      'courses.max.',
      '1st.key',
      'a b.c',
      'x.'.repeat(40) + 'y',
    ])
      expect(featureKey.safeParse(bad).success, bad).toBe(false);
  });

  it('upper-cases a currency and refuses codes no runtime lists as money (XYZ, XXX, XAU)', () => {
    expect(priceCreateInput.parse(price)).toMatchObject({ currency: 'USD', trialDays: 0 });
    expect(priceCreateInput.parse({ ...price, currency: 'jpy' }).currency).toBe('JPY');
    for (const currency of ['XYZ', 'XXX', 'XAU', 'US', 'USDX', ''])
      expect(priceCreateInput.safeParse({ ...price, currency }).success, currency).toBe(false);
  });
});
