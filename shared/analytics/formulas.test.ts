import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arpa,
  arr,
  basisPoints,
  basisPointsOf,
  customerChurnRate,
  fxImpact,
  grossMrrChurn,
  lifetimeValue,
  mrrGained,
  mrrLost,
  netMrrChurn,
  netNewMrr,
  NO_MOVEMENTS,
  quickRatio,
  ratio,
  type KindAmounts,
} from './formulas';

const amount = fc.integer({ min: -1e9, max: 1e9 });
const kinds: fc.Arbitrary<KindAmounts> = fc.record({
  new: fc.nat(1e9),
  expansion: fc.nat(1e9),
  contraction: fc.integer({ min: -1e9, max: 0 }),
  churn: fc.integer({ min: -1e9, max: 0 }),
  reactivation: fc.nat(1e9),
});

describe('churn rates (the issue’s test vector)', () => {
  const month = { ...NO_MOVEMENTS, churn: -10, contraction: -10, expansion: 10 };

  it('start 100, churn 10, contraction 10, expansion 10 → gross 20 %, net 10 %', () => {
    expect(grossMrrChurn(month, 100)).toEqual({ numerator: 20, denominator: 100 });
    expect(basisPointsOf(grossMrrChurn(month, 100))).toBe(2000);
    expect(basisPointsOf(netMrrChurn(month, 100))).toBe(1000);
  });

  it('has no rate for a month that starts without MRR', () => {
    expect(grossMrrChurn(month, 0)).toBeNull();
    expect(netMrrChurn(month, 0)).toBeNull();
    expect(customerChurnRate(3, 0)).toBeNull();
  });

  it('counts net churn negative when expansion outgrows the losses', () => {
    expect(basisPointsOf(netMrrChurn({ ...NO_MOVEMENTS, churn: -5, expansion: 15 }, 100))).toBe(-1000);
  });

  it('net churn is gross churn less expansion and reactivation, over the same start', () => {
    fc.assert(
      fc.property(kinds, fc.integer({ min: 1, max: 1e9 }), (k, start) => {
        const gross = grossMrrChurn(k, start)?.numerator ?? NaN;
        const net = netMrrChurn(k, start)?.numerator ?? NaN;
        expect(gross - net).toBe(k.expansion + k.reactivation);
        expect(net).toBeLessThanOrEqual(gross);
      }),
    );
  });
});

describe('headline figures', () => {
  it('ARR is twelve months of MRR', () => {
    expect(arr(123_45)).toBe(1_481_40);
  });

  it('ARPA divides MRR by paying customers, half to even, and has none without customers', () => {
    expect(arpa(10_000, 4)).toBe(2_500);
    expect(arpa(5, 2)).toBe(2);
    expect(arpa(7, 2)).toBe(4);
    expect(arpa(100, 0)).toBeNull();
  });

  it('customer churn rate: 5 of 200 customers at the start is 2.5 %', () => {
    expect(basisPointsOf(customerChurnRate(5, 200))).toBe(250);
  });

  it('net new MRR is what was gained less what was lost', () => {
    expect(netNewMrr({ new: 300, expansion: 50, contraction: -20, churn: -100, reactivation: 10 })).toBe(240);
    fc.assert(
      fc.property(kinds, (k) => {
        expect(netNewMrr(k)).toBe(mrrGained(k) - mrrLost(k));
      }),
    );
  });

  it('quick ratio: gains over losses, none when nothing was lost', () => {
    const k = { new: 30, expansion: 10, contraction: -10, churn: -10, reactivation: 0 };
    expect(basisPointsOf(quickRatio(k))).toBe(20_000);
    expect(quickRatio({ ...NO_MOVEMENTS, new: 500 })).toBeNull();
    expect(quickRatio(NO_MOVEMENTS)).toBeNull();
  });

  it('LTV: ARPA 100.00 at a 5 % customer churn rate is 2,000.00; none without churn', () => {
    const parts = { mrr: 1_000_000, payingCustomers: 100, customersAtStart: 100 };
    expect(lifetimeValue({ ...parts, churnedCustomers: 5 })).toBe(200_000);
    expect(lifetimeValue({ ...parts, churnedCustomers: 0 })).toBeNull();
    expect(lifetimeValue({ ...parts, payingCustomers: 0, churnedCustomers: 1 })).toBeNull();
  });

  it('LTV is within half a minor unit of ARPA ÷ churn rate, computed exactly', () => {
    fc.assert(
      fc.property(
        fc.nat(1e9),
        fc.integer({ min: 1, max: 1e5 }),
        fc.integer({ min: 1, max: 1e5 }),
        fc.integer({ min: 1, max: 1e5 }),
        (mrr, paying, churned, atStart) => {
          const ltv =
            lifetimeValue({
              mrr,
              payingCustomers: paying,
              churnedCustomers: churned,
              customersAtStart: atStart,
            }) ?? NaN;
          // |ltv − mrr·atStart / (paying·churned)| ≤ ½, without leaving whole numbers.
          const error = BigInt(ltv) * BigInt(paying * churned) - BigInt(mrr) * BigInt(atStart);
          expect(2n * (error < 0n ? -error : error)).toBeLessThanOrEqual(BigInt(paying * churned));
        },
      ),
    );
  });
});

describe('ratios', () => {
  it('are exact and refuse a zero or negative base', () => {
    expect(ratio(1, 3)).toEqual({ numerator: 1, denominator: 3 });
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, -4)).toBeNull();
    expect(() => ratio(0.5, 2)).toThrow(RangeError);
  });

  it('show in basis points within half a point of the exact value', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 1e9 }), (n, d) => {
        const bp = basisPoints({ numerator: n, denominator: d });
        const error = BigInt(bp) * BigInt(d) - BigInt(n) * 10_000n;
        expect(2n * (error < 0n ? -error : error)).toBeLessThanOrEqual(BigInt(d));
      }),
    );
  });
});

describe('a month in the reporting currency', () => {
  it('reconciles exactly: start + Σ movements + FX impact = end', () => {
    fc.assert(
      fc.property(amount, amount, amount, (startReporting, endReporting, movementsReporting) => {
        const fx = fxImpact({ startReporting, endReporting, movementsReporting });
        expect(startReporting + movementsReporting + fx).toBe(endReporting);
      }),
    );
  });

  it('has no FX impact when nothing was converted differently', () => {
    expect(fxImpact({ startReporting: 1000, endReporting: 1240, movementsReporting: 240 })).toBe(0);
  });
});
