import { describe, expect, it } from 'vitest';
import { planWithQuantity, recurringText } from './price-text';

describe('recurringText', () => {
  it('reads as amount per interval, in the currency’s own way', () => {
    expect(recurringText(999, 'USD', 'month')).toBe('$9.99 / month');
    expect(recurringText(94000, 'EUR', 'year')).toBe('€940.00 / year');
    expect(recurringText(1000, 'JPY', 'month')).toBe('¥1,000 / month');
  });
});

describe('planWithQuantity', () => {
  it('shows seats only when there is more than one', () => {
    expect(planWithQuantity('Pro', 1)).toBe('Pro');
    expect(planWithQuantity('Pro', 12)).toBe('Pro × 12');
  });
});
