import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../shared/money';
import { decimalAmount } from './decimal';

describe('decimalAmount', () => {
  it('places the point by the currency’s minor unit', () => {
    expect(decimalAmount(123450, 'USD')).toBe('1234.50');
    expect(decimalAmount(5, 'USD')).toBe('0.05');
    expect(decimalAmount(0, 'EUR')).toBe('0.00');
    expect(decimalAmount(1000, 'JPY')).toBe('1000');
    expect(decimalAmount(1234, 'BHD')).toBe('1.234');
    expect(decimalAmount(-799, 'USD')).toBe('-7.99');
  });

  it('reads back to the same minor units', () => {
    for (const amount of [0, 1, 99, 100, 101, 999_999_999, -42]) {
      expect(parseMoney(decimalAmount(amount, 'USD'), 'USD').amount).toBe(amount);
    }
  });
});
