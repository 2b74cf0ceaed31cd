import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisPointsOf } from './formulas';
import { cohortRetention, type CohortCell } from './formulas-cohorts';

describe('cohort retention', () => {
  // January: 4 customers start at 100 each; February one churns and one expands by 50;
  // March nothing moves; April one returns at 100.
  const cells: CohortCell[] = [
    { cohort: '2026-01', month: '2026-01', amount: 400, customers: 4 },
    { cohort: '2026-01', month: '2026-02', amount: -100, customers: -1 },
    { cohort: '2026-01', month: '2026-02', amount: 50, customers: 0 },
    { cohort: '2026-01', month: '2026-04', amount: 100, customers: 1 },
    { cohort: '2026-02', month: '2026-02', amount: 200, customers: 2 },
  ];

  it('measures each month against the end of the cohort’s first month', () => {
    const [january, february, march] = cohortRetention(cells, '2026-01', '2026-04');
    expect(january?.startCustomers).toBe(4);
    expect(january?.months.map((m) => [m.month, m.customers, m.mrr])).toEqual([
      ['2026-01', 4, 400],
      ['2026-02', 3, 350],
      ['2026-03', 3, 350],
      ['2026-04', 4, 450],
    ]);
    expect(january?.months.map((m) => basisPointsOf(m.customerRetention))).toEqual([
      10000, 7500, 7500, 10000,
    ]);
    expect(january?.months.map((m) => basisPointsOf(m.mrrRetention))).toEqual([10000, 8750, 8750, 11250]);
    expect(february?.months.map((m) => m.offset)).toEqual([0, 1, 2]);
    // A month without a first payment is an empty cohort: no retention to speak of.
    expect(march?.startCustomers).toBe(0);
    expect(march?.months[0]?.customerRetention).toBeNull();
  });

  it('ends every cohort at the last month, whatever the cells hold beyond it', () => {
    const rows = cohortRetention(cells, '2026-01', '2026-02');
    expect(rows.map((r) => r.months.length)).toEqual([2, 1]);
    expect(rows[0]?.months[1]?.mrr).toBe(350);
  });

  it('keeps, in its last month, the sum of the cohort’s cells up to then', () => {
    const cell = fc.record({
      cohort: fc.constantFrom('2026-01', '2026-02', '2026-03'),
      month: fc.constantFrom('2026-01', '2026-02', '2026-03', '2026-04'),
      amount: fc.integer({ min: -1e6, max: 1e6 }),
      customers: fc.integer({ min: -5, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(cell), (all) => {
        for (const row of cohortRetention(all, '2026-01', '2026-03')) {
          const own = all.filter(
            (c) => c.cohort === row.cohort && c.month >= row.cohort && c.month <= '2026-03',
          );
          const last = row.months.at(-1);
          expect(last?.mrr).toBe(own.reduce((s, c) => s + c.amount, 0));
          expect(last?.customers).toBe(own.reduce((s, c) => s + c.customers, 0));
        }
      }),
    );
  });
});
