import { describe, expect, it } from 'vitest';
import { basisPointsOf } from './formulas';
import { monthFigures, type OverviewMonth } from './formulas-month';

const month: OverviewMonth = {
  month: '2026-03',
  mrrStart: 100_000,
  mrrEnd: 103_000,
  movements: { new: 15_000, expansion: 5_000, contraction: -2_000, churn: -10_000, reactivation: 0 },
  netNewMrr: 8_000,
  fxImpact: -5_000,
  customersStart: 40,
  customersEnd: 41,
  newCustomers: 3,
  churnedCustomers: 2,
  reactivatedCustomers: 0,
  missingRates: [],
};

describe('a month’s headline figures', () => {
  it('follow from its row', () => {
    const f = monthFigures(month);
    expect(f).toMatchObject({ mrr: 103_000, arr: 1_236_000, payingCustomers: 41, netNewMrr: 8_000 });
    expect(f.arpa).toBe(2_512); // 103,000 / 41 = 2,512.19…
    expect(basisPointsOf(f.customerChurnRate)).toBe(500); // 2 of 40
    expect(basisPointsOf(f.grossMrrChurn)).toBe(1_200); // 12,000 of 100,000
    expect(basisPointsOf(f.netMrrChurn)).toBe(700); // (12,000 − 5,000) of 100,000
    expect(basisPointsOf(f.quickRatio)).toBe(16_667); // 20,000 / 12,000
    expect(f.ltv).toBe(50_244); // 103,000 × 40 / (41 × 2) = 50,243.9…
  });

  it('has no MRR figures where a rate is missing, and keeps the counts', () => {
    const f = monthFigures({
      ...month,
      mrrStart: null,
      mrrEnd: null,
      missingRates: [{ currency: 'EUR', day: '2026-03-31' }],
    });
    expect(f).toMatchObject({ mrr: null, arr: null, arpa: null, ltv: null, grossMrrChurn: null });
    expect(f.payingCustomers).toBe(41);
    expect(basisPointsOf(f.customerChurnRate)).toBe(500);
  });
});
