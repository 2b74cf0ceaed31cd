import { describe, expect, it } from 'vitest';
import { attemptLabel, attemptRows, mainCurrency, monthlySeries, rateText } from './recovery-text';
import type { RecoveryStats } from './types';

const stats: RecoveryStats = {
  months: ['2025-12', '2026-01'],
  currencies: ['EUR', 'USD'],
  totals: [
    {
      currency: 'EUR',
      failedCount: 1,
      failedAmount: 949,
      recoveredCount: 0,
      recoveredAmount: 0,
      lostCount: 0,
      lostAmount: 0,
      rate: null,
      inRecoveryCount: 1,
      inRecoveryAmount: 949,
    },
    {
      currency: 'USD',
      failedCount: 4,
      failedAmount: 3996,
      recoveredCount: 3,
      recoveredAmount: 2997,
      lostCount: 1,
      lostAmount: 999,
      rate: 0.75,
      inRecoveryCount: 0,
      inRecoveryAmount: 0,
    },
  ],
  byMonth: [
    {
      month: '2026-01',
      currency: 'USD',
      failedCount: 4,
      failedAmount: 3996,
      recoveredCount: 3,
      recoveredAmount: 2997,
      lostCount: 1,
      lostAmount: 999,
      rate: 0.75,
    },
  ],
  byAttempt: [
    { attempt: 2, currency: 'USD', count: 2, amount: 1998 },
    { attempt: null, currency: 'USD', count: 1, amount: 999 },
  ],
};

describe('recovery figures as the page shows them', () => {
  it('fills every month of the window for the chart, zero where nothing failed', () => {
    expect(monthlySeries(stats, 'USD', 'en-US')).toEqual([
      { month: 'Dec 2025', Failed: 0, Recovered: 0 },
      { month: 'Jan 2026', Failed: 3996, Recovered: 2997 },
    ]);
  });

  it('leads with the currency that failed most', () => {
    expect(mainCurrency(stats)).toBe('USD');
    expect(mainCurrency({ ...stats, totals: [] })).toBeNull();
  });

  it('names attempts and rates', () => {
    expect(attemptRows(stats, 'USD').map((a) => attemptLabel(a.attempt))).toEqual([
      'Attempt 2',
      'Out of band',
    ]);
    expect(rateText(0.75, 'en-US')).toBe('75%');
    expect(rateText(1 / 3, 'en-US')).toBe('33.3%');
    expect(rateText(null)).toBe('—');
  });
});
