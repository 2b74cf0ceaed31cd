import { describe, expect, it } from 'vitest';
import {
  attemptLabel,
  attemptRows,
  mainCurrency,
  monthlySeries,
  rateText,
  recoveryFigures,
} from './recovery-text';
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

describe('the headline figures', () => {
  it('say what each counts, the rate over finished cases only', () => {
    const usd = stats.totals[1];
    if (!usd) throw new Error('fixture');
    const figures = recoveryFigures({ ...usd, failedCount: 5, failedAmount: 4995 }, 12, 'en-US');
    expect(figures.map((f) => [f.label, f.value])).toEqual([
      ['Failed', '$49.95'],
      ['Recovered', '$29.97'],
      ['Lost', '$9.99'],
      ['Recovery rate', '75%'],
      ['In recovery', '$0.00'],
    ]);
    expect(figures[3]?.detail).toBe(
      'Recovered ÷ (recovered + lost), by amount; 1 invoice not finished yet is left out',
    );
  });

  it('has no rate before a case finishes', () => {
    const eur = stats.totals[0];
    if (!eur) throw new Error('fixture');
    expect(recoveryFigures(eur, 12, 'en-US')[3]).toMatchObject({
      value: '—',
      detail: 'Recovered of finished cases, by amount: none has finished yet',
    });
  });
});
