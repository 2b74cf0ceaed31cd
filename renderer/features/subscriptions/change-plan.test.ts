import { describe, expect, it } from 'vitest';
import { confirmLabel, expectedTiming } from './change-plan';

describe('expectedTiming', () => {
  it('applies upgrades and same-price moves now, downgrades at period end', () => {
    const pro = { amount: 999, interval: 'month' } as const;
    expect(expectedTiming(pro, { amount: 9900, interval: 'month' })).toBe('now');
    expect(expectedTiming(pro, { amount: 999, interval: 'month' })).toBe('now');
    expect(expectedTiming({ amount: 9900, interval: 'month' }, pro)).toBe('period_end');
  });

  it('restarts the cycle now when the interval changes, even if cheaper per period', () => {
    expect(expectedTiming({ amount: 9990, interval: 'year' }, { amount: 999, interval: 'month' })).toBe(
      'now',
    );
  });
});

describe('confirmLabel', () => {
  it('names the charge, or says the change waits', () => {
    expect(confirmLabel({ timing: 'now', amountDue: 8910, currency: 'USD' })).toBe(
      'Confirm and charge $89.10',
    );
    expect(confirmLabel({ timing: 'now', amountDue: 0, currency: 'USD' })).toBe('Confirm change');
    expect(confirmLabel({ timing: 'period_end', amountDue: 0, currency: 'USD' })).toBe('Schedule change');
  });
});
