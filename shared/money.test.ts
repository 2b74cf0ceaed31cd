import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  allocate,
  AmountOutOfRangeError,
  MAX_AMOUNT,
  multiply,
  currency,
  formatMoney,
  minorUnitDigits,
  money,
  MoneyError,
  parseMoney,
  scale,
  subtract,
  sum,
} from './money';

// Every amount money can hold: rules must either be exact or refuse, never drift past 2^53.
const amount = fc.maxSafeInteger();
const code = fc.constantFrom('USD', 'EUR', 'JPY', 'GBP', 'BHD');

describe('money', () => {
  it('rejects fractional minor units and unknown currencies', () => {
    expect(() => money(9.99, 'USD')).toThrow(MoneyError);
    expect(() => money(1, 'usdd')).toThrow(/ISO-4217/);
    expect(() => money(1, 'ZZZ')).not.toThrow();
    expect(() => add(money(1, 'USD'), money(1, 'EUR'))).toThrow(/USD with EUR/);
  });

  it('knows minor-unit digits per currency', () => {
    expect(minorUnitDigits(currency('USD'))).toBe(2);
    expect(minorUnitDigits(currency('JPY'))).toBe(0);
    expect(minorUnitDigits(currency('BHD'))).toBe(3);
  });

  it('formats with the currency and locale conventions', () => {
    expect(formatMoney(money(999, 'USD'))).toBe('$9.99');
    expect(formatMoney(money(-5, 'USD'))).toBe('-$0.05');
    expect(formatMoney(money(1000, 'JPY'))).toBe('¥1,000');
    expect(formatMoney(money(999, 'EUR'), 'de-DE')).toBe('9,99\u00a0€');
    expect(formatMoney(money(900_719_925_474_099, 'USD'))).toBe('$9,007,199,254,740.99');
  });

  it('parses typed amounts without floats and refuses extra decimals', () => {
    expect(parseMoney('9.99', 'USD').amount).toBe(999);
    expect(parseMoney('1,250.5', 'USD').amount).toBe(125050);
    expect(parseMoney('-3', 'USD').amount).toBe(-300);
    expect(parseMoney('1000', 'JPY').amount).toBe(1000);
    expect(() => parseMoney('9.999', 'USD')).toThrow(/more than 2 decimal places/);
    expect(() => parseMoney('abc', 'USD')).toThrow(/not an amount/);
  });

  it('parse and format round-trip every amount', () => {
    fc.assert(
      fc.property(amount, code, (value, c) => {
        const m = money(value, c);
        const text = formatMoney(m, 'en-US').replace(/[^\d.-]/g, '');
        expect(parseMoney(text, c).amount).toBe(value);
      }),
    );
  });

  it('addition and subtraction are exact inverses, or refuse a result past 2^53', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const x = money(a, 'USD');
        const y = money(b, 'USD');
        const exact = BigInt(a) + BigInt(b);
        if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < -BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(() => add(x, y)).toThrow(AmountOutOfRangeError);
          return;
        }
        expect(subtract(add(x, y), y).amount).toBe(a);
      }),
    );
  });

  it('multiplies a price by a quantity exactly, or refuses a product past 2^53', () => {
    fc.assert(
      fc.property(amount, fc.maxSafeNat(), (a, count) => {
        const exact = BigInt(a) * BigInt(count);
        if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < -BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(() => multiply(money(a, 'USD'), count)).toThrow(AmountOutOfRangeError);
          return;
        }
        expect(BigInt(multiply(money(a, 'USD'), count).amount)).toBe(exact);
      }),
    );
    expect(multiply(money(MAX_AMOUNT, 'USD'), 90_071_992).amount).toBe(MAX_AMOUNT * 90_071_992);
    expect(() => money(2 ** 53, 'USD')).toThrow(AmountOutOfRangeError);
    expect(() => money(Number.POSITIVE_INFINITY, 'USD')).toThrow(AmountOutOfRangeError);
    expect(() => money(1.5, 'USD')).not.toThrow(AmountOutOfRangeError);
  });

  it('allocation conserves every cent and stays within one cent of the exact share', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 }),
        (a, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocate(money(a, 'USD'), weights);
          expect(sum(parts, 'USD').amount).toBe(a);
          const total = weights.reduce((s, w) => s + w, 0);
          parts.forEach((part, i) => {
            const exact = (a * (weights[i] ?? 0)) / total;
            expect(Math.abs(part.amount - exact)).toBeLessThan(1 + 1e-6 * Math.abs(a));
          });
        },
      ),
    );
  });

  it('splits 70/30 the way the marketplace expects', () => {
    expect(allocate(money(999, 'USD'), [70, 30]).map((m) => m.amount)).toEqual([699, 300]);
    expect(allocate(money(1, 'USD'), [1, 1, 1]).map((m) => m.amount)).toEqual([1, 0, 0]);
    expect(allocate(money(-100, 'USD'), [1, 2]).map((m) => m.amount)).toEqual([-33, -67]);
  });

  it('scales with half-to-even rounding', () => {
    expect(scale(money(5, 'USD'), 1, 2).amount).toBe(2);
    expect(scale(money(15, 'USD'), 1, 10).amount).toBe(2);
    expect(scale(money(25, 'USD'), 1, 10).amount).toBe(2);
    expect(scale(money(-15, 'USD'), 1, 10).amount).toBe(-2);
    expect(scale(money(999, 'USD'), 1_296_000, 2_592_000).amount).toBe(500);
  });

  it('a scaled amount and its complement add back to the whole within one cent', () => {
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: 1, max: 31_622_400 }),
        fc.integer({ min: 0, max: 31_622_400 }),
        (a, d, n0) => {
          const n = n0 % (d + 1);
          const m = money(a, 'USD');
          const used = scale(m, n, d).amount;
          const unused = scale(m, d - n, d).amount;
          expect(Math.abs(used + unused - a)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
