import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyValue, stateOfSnapshot, twelfthHalfEven } from './independent-mrr';

const state = (status: string, quantity = 1) => ({
  customerId: 'cus_1',
  priceId: 'price_1',
  quantity,
  status,
});

describe('independent MRR rules', () => {
  it('values a monthly price times seats, a yearly one at a twelfth rounded half to even', () => {
    expect(monthlyValue(state('active', 3), { amount: 999, interval: 'month', currency: 'USD' })).toBe(2997);
    // 9,990 ÷ 12 = 832.5 → 832 (even); 29,970 ÷ 12 = 2,497.5 → 2,498 (even).
    expect(monthlyValue(state('active'), { amount: 9990, interval: 'year', currency: 'USD' })).toBe(832);
    expect(monthlyValue(state('past_due', 3), { amount: 9990, interval: 'year', currency: 'USD' })).toBe(
      2498,
    );
    for (const status of ['trialing', 'incomplete', 'paused', 'canceled', 'unpaid'])
      expect(
        monthlyValue(state(status, 2), { amount: 999, interval: 'month', currency: 'USD' }),
        status,
      ).toBe(0);
  });

  it('rounds a twelfth to the nearest whole, ties to even', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        const q = twelfthHalfEven(n);
        expect(Math.abs(12 * q - n)).toBeLessThanOrEqual(6);
        if (Math.abs(12 * q - n) === 6) expect(q % 2).toBe(0);
      }),
    );
  });

  it('reads both snapshot shapes the audit trail holds', () => {
    expect(stateOfSnapshot({ customerId: 'cus_1', priceId: 'p', quantity: 2, status: 'active' })).toEqual({
      customerId: 'cus_1',
      priceId: 'p',
      quantity: 2,
      status: 'active',
    });
    expect(stateOfSnapshot({ customer_id: 'cus_2', price_id: 'q', quantity: 1, status: 'canceled' })).toEqual(
      {
        customerId: 'cus_2',
        priceId: 'q',
        quantity: 1,
        status: 'canceled',
      },
    );
    expect(stateOfSnapshot({ id: 'sub_1' })).toBeNull();
  });
});
