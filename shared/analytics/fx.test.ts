import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertMinor, normalizeRate, parseRate } from './fx';

describe('exchange rates', () => {
  it('parses decimal rates exactly and refuses what is not one', () => {
    expect(parseRate('1.0832')).toEqual({ numerator: 10832n, denominator: 10000n });
    expect(parseRate('150')).toEqual({ numerator: 150n, denominator: 1n });
    for (const bad of ['', '0', '0.000', '-1.2', '1e3', '1,5', 'abc', '1.', '.5', '1234567.1']) {
      expect(parseRate(bad), bad).toBeNull();
    }
    expect(normalizeRate('01.500')).toBe('1.5');
    expect(normalizeRate('2.000')).toBe('2');
  });

  it('converts minor units with the currencies’ digits, rounding half to even once', () => {
    expect(convertMinor(10000, 'EUR', 'USD', '1.0832')).toBe(10832);
    expect(convertMinor(1000, 'JPY', 'USD', '0.0067')).toBe(670);
    expect(convertMinor(100, 'USD', 'JPY', '149.5')).toBe(150);
    expect(convertMinor(5, 'EUR', 'USD', '0.5')).toBe(2); // 2.5 → 2 (half to even)
    expect(convertMinor(7, 'EUR', 'USD', '0.5')).toBe(4); // 3.5 → 4
    expect(convertMinor(-7, 'EUR', 'USD', '0.5')).toBe(-4);
    expect(() => convertMinor(1, 'EUR', 'USD', 'x')).toThrow(/not an exchange rate/);
  });

  it('is within half a minor unit of the exact product, and odd in the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 1e9 }),
        (amount, rateMicros) => {
          const rate = `${Math.floor(rateMicros / 1e6)}.${String(rateMicros % 1e6).padStart(6, '0')}`;
          const converted = convertMinor(amount, 'EUR', 'USD', rate);
          const exact = (BigInt(amount) * BigInt(rateMicros) * 2n) / 1_000_000n; // twice the product, truncated
          expect(Math.abs(2 * converted - Number(exact))).toBeLessThanOrEqual(2);
          expect(convertMinor(-amount, 'EUR', 'USD', rate)).toBe(-converted || 0);
        },
      ),
    );
  });
});
