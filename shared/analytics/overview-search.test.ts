import { describe, expect, it } from 'vitest';
import { overviewViewFor, parseMovementsSearch, parseOverviewSearch } from './overview-search';

const NOW = Date.UTC(2026, 11, 7, 10);
const PLAN = `pln_${'A'.repeat(26)}`;

describe('the Overview’s URL', () => {
  it('keeps what it understands and drops the rest', () => {
    expect(
      parseOverviewSearch({
        from: '2026-01',
        to: '2026-13',
        plan: PLAN,
        interval: 'week',
        currency: 'EUR',
        country: 'FR',
        source: 'stripe',
        extra: 'x',
      }),
    ).toEqual({ from: '2026-01', plan: PLAN, currency: 'EUR', country: 'FR', source: 'stripe' });
    expect(parseOverviewSearch({ plan: 'pln_1', currency: 'eur', country: 'XX', source: 'paypal' })).toEqual(
      {},
    );
    expect(parseMovementsSearch({ kind: 'churn', from: '2026-02' })).toEqual({
      kind: 'churn',
      from: '2026-02',
    });
    expect(parseMovementsSearch({ kind: 'refund', cohort: '2026-1' })).toEqual({});
    expect(parseMovementsSearch({ cohort: '2026-01' })).toEqual({ cohort: '2026-01' });
  });

  it('shows the twelve months to the current one by default', () => {
    expect(overviewViewFor({}, NOW)).toEqual({
      from: '2026-01',
      to: '2026-12',
      segment: { plan: null, interval: null, currency: null, country: null, source: null },
    });
    expect(overviewViewFor({ to: '2026-03' }, NOW)).toMatchObject({ from: '2025-04', to: '2026-03' });
  });

  it('turns a reversed range around and cuts one too long to its last 60 months', () => {
    expect(overviewViewFor({ from: '2026-05', to: '2026-02' }, NOW)).toMatchObject({
      from: '2026-02',
      to: '2026-05',
    });
    expect(overviewViewFor({ from: '2010-01', to: '2026-12' }, NOW)).toMatchObject({
      from: '2022-01',
      to: '2026-12',
    });
  });
});
