import { describe, expect, it } from 'vitest';
import { chartRows, missingRatesText, monthFigures, rateText, viewChoices } from './revenue-text';
import type { RevenueByMonth } from './types';

const report: RevenueByMonth = {
  months: ['2026-01', '2026-02'],
  currencies: ['EUR', 'USD'],
  reportingCurrency: 'USD',
  byMonth: [
    {
      month: '2026-01',
      native: [
        {
          currency: 'EUR',
          collected: 1000,
          refunded: 0,
          disputed: 200,
          net: 800,
          payments: 1,
          refunds: 0,
          disputes: 1,
        },
        {
          currency: 'USD',
          collected: 5000,
          refunded: 500,
          disputed: 0,
          net: 4500,
          payments: 2,
          refunds: 1,
          disputes: 0,
        },
      ],
      reporting: { collected: 6100, refunded: 500, disputed: 220, net: 5380, complete: true },
    },
    {
      month: '2026-02',
      native: [],
      reporting: { collected: 0, refunded: 0, disputed: 0, net: 0, complete: false },
    },
  ],
  byPlan: [],
  byCountry: [],
  missingRates: [
    { currency: 'EUR', day: '2026-02-03' },
    { currency: 'EUR', day: '2026-02-04' },
  ],
};

describe('revenue card text', () => {
  it('shows a month in one currency or in the reporting currency, zeros where nothing moved', () => {
    expect(monthFigures(report, { kind: 'native', currency: 'EUR' }).map((m) => m.figures.net)).toEqual([
      800, 0,
    ]);
    expect(monthFigures(report, { kind: 'reporting' }).map((m) => [m.figures.net, m.complete])).toEqual([
      [5380, true],
      [0, false],
    ]);
  });

  it('draws each month’s collected, refunded and disputed amounts', () => {
    expect(chartRows(report, { kind: 'native', currency: 'USD' }, 'en-US')[0]).toEqual({
      month: 'Jan 2026',
      Collected: 5000,
      Refunded: 500,
      Disputed: 0,
    });
  });

  it('says which rates are missing, and offers each currency', () => {
    expect(missingRatesText(report)).toMatch(/EUR on 2 days \(first 2026-02-03\)/);
    expect(missingRatesText({ ...report, missingRates: [] })).toBeNull();
    expect(viewChoices(report).map((c) => c.label)).toEqual(['All in USD', 'EUR', 'USD']);
    expect(rateText(null)).toBe('—');
    expect(rateText(2 / 3, 'en-US')).toBe('66.7%');
  });
});
