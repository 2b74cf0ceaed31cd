import { describe, expect, it } from 'vitest';
import { monthFigures, type OverviewMonth } from '../../../shared/analytics/formulas-month';
import { causeInvoiceId, causeLabel, viewTitle } from './movement-text';
import {
  countChange,
  headlineCards,
  moneyChange,
  movementSeries,
  percentText,
  pointsChange,
  timesText,
} from './overview-text';

const month = (m: string, mrrEnd: number, churn: number): OverviewMonth => ({
  month: m,
  mrrStart: 100_000,
  mrrEnd,
  movements: { new: 10_000, expansion: 0, contraction: 0, churn, reactivation: 0 },
  netNewMrr: 10_000 + churn,
  fxImpact: 500,
  customersStart: 20,
  customersEnd: 21,
  newCustomers: 2,
  churnedCustomers: 1,
  reactivatedCustomers: 0,
  missingRates: [],
});

describe('the Overview’s words and numbers', () => {
  it('show ratios as percentages and quick ratios as multiples, with a dash for none', () => {
    expect(percentText({ numerator: 1, denominator: 8 }, 'en-US')).toBe('12.5%');
    expect(percentText(null)).toBe('—');
    expect(timesText({ numerator: 7, denominator: 3 }, 'en-US')).toBe('2.33');
    expect(timesText(null)).toBe('—');
  });

  it('say how a figure changed since last month', () => {
    expect(moneyChange(12_500, 10_000, 'USD')).toBe('+$25.00');
    expect(moneyChange(9_000, 10_000, 'USD')).toBe('-$10.00');
    expect(moneyChange(null, 10_000, 'USD')).toBeNull();
    expect(
      pointsChange({ numerator: 3, denominator: 100 }, { numerator: 15, denominator: 1000 }, 'en-US'),
    ).toBe('+1.5 pts');
    expect(countChange(21, 21)).toBe('no change');
  });

  it('make ten headline cards, churn opening churn movements', () => {
    const cards = headlineCards(
      monthFigures(month('2026-03', 105_000, -5_000)),
      monthFigures(month('2026-02', 100_000, 0)),
      'USD',
    );
    expect(cards.map((c) => c.label)).toEqual([
      'MRR',
      'ARR',
      'ARPA',
      'Paying customers',
      'Net new MRR',
      'Customer churn',
      'Gross MRR churn',
      'Net MRR churn',
      'Quick ratio',
      'LTV',
    ]);
    expect(cards.find((c) => c.key === 'mrr')).toMatchObject({ value: '$1,050.00', change: '+$50.00' });
    expect(cards.find((c) => c.key === 'customer-churn')).toMatchObject({ value: '5%', kind: 'churn' });
    expect(cards.find((c) => c.key === 'quick-ratio')?.value).toBe('2.00');
  });

  it('stack each kind per month for the chart, FX beside them', () => {
    const [row] = movementSeries([month('2026-03', 105_000, -5_000)], 'en-US');
    expect(row).toMatchObject({
      month: 'Mar 2026',
      key: '2026-03',
      New: 10_000,
      Churn: -5_000,
      'FX impact': 500,
    });
  });
});

describe('the drill-down', () => {
  it('names what it lists', () => {
    expect(viewTitle({ kind: 'churn', currency: 'EUR' }, { from: '2026-02', to: '2026-02' }, 'Pro')).toBe(
      'Churn · Feb 2026 · Pro · EUR',
    );
    expect(viewTitle({}, { from: '2026-01', to: '2026-03' }, null)).toBe(
      'All movements · Jan 2026 – Mar 2026',
    );
  });

  it('links a cause to its invoice, and names the others', () => {
    expect(causeInvoiceId({ causeType: 'invoice', causeId: 'inv_1' })).toBe('inv_1');
    expect(causeInvoiceId({ causeType: 'subscription', causeId: 'sub_1' })).toBeNull();
    expect(causeLabel({ causeType: 'stripe_event' })).toBe('Stripe event');
  });
});
