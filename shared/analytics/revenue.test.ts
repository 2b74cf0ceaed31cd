import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRate } from './fx';
import {
  convertPart,
  indexRates,
  rateOn,
  summarizeRevenue,
  type RevenuePart,
  type ReportingRate,
} from './revenue';
import { monthsBetween } from './overview-months';

const rate = (currency: string, day: string, text: string): ReportingRate => ({
  currency,
  day,
  rate: parseRate(text) ?? { numerator: 0n, denominator: 1n },
});

const part = (p: Partial<RevenuePart> & Pick<RevenuePart, 'kind' | 'day' | 'amount'>): RevenuePart => ({
  currency: 'USD',
  count: 1,
  planId: 'pln_pro',
  country: 'US',
  ...p,
});

describe('revenue by month', () => {
  it('nets refunds and disputes off what was collected, per currency and in the reporting currency', () => {
    const summary = summarizeRevenue(
      [
        part({ kind: 'collected', day: '2026-03-02', amount: 10_000 }),
        part({ kind: 'refunded', day: '2026-03-20', amount: 2_500 }),
        part({ kind: 'collected', day: '2026-03-05', amount: 5_000, currency: 'EUR', country: 'DE' }),
        part({ kind: 'disputed', day: '2026-04-01', amount: 1_000, currency: 'EUR', country: 'DE' }),
      ],
      {
        months: ['2026-03', '2026-04', '2026-05'],
        reportingCurrency: 'USD',
        rates: [rate('EUR', '2026-03-01', '1.1'), rate('EUR', '2026-04-01', '1.2')],
      },
    );
    expect(summary.currencies).toEqual(['EUR', 'USD']);
    const [march, april, may] = summary.byMonth;
    expect(march?.native).toEqual([
      {
        currency: 'EUR',
        collected: 5_000,
        refunded: 0,
        disputed: 0,
        net: 5_000,
        payments: 1,
        refunds: 0,
        disputes: 0,
      },
      {
        currency: 'USD',
        collected: 10_000,
        refunded: 2_500,
        disputed: 0,
        net: 7_500,
        payments: 1,
        refunds: 1,
        disputes: 0,
      },
    ]);
    expect(march?.reporting).toEqual({
      collected: 15_500,
      refunded: 2_500,
      disputed: 0,
      net: 13_000,
      complete: true,
    });
    // April's dispute converts at April's rate, not March's.
    expect(april?.reporting).toEqual({
      collected: 0,
      refunded: 0,
      disputed: 1_200,
      net: -1_200,
      complete: true,
    });
    expect(may).toEqual({
      month: '2026-05',
      native: [],
      reporting: { collected: 0, refunded: 0, disputed: 0, net: 0, complete: true },
    });
    expect(summary.byCountry.map((c) => [c.country, c.reporting.net])).toEqual([
      ['DE', 4_300],
      ['US', 7_500],
    ]);
    expect(summary.missingRates).toEqual([]);
  });

  it('reports a day without a rate instead of counting it as 0', () => {
    const summary = summarizeRevenue(
      [
        part({ kind: 'collected', day: '2026-02-27', amount: 4_000, currency: 'EUR' }),
        part({ kind: 'collected', day: '2026-03-02', amount: 1_000, currency: 'EUR' }),
      ],
      { months: ['2026-02', '2026-03'], reportingCurrency: 'USD', rates: [rate('EUR', '2026-03-01', '1.5')] },
    );
    expect(summary.byMonth[0]?.reporting).toEqual(expect.objectContaining({ collected: 0, complete: false }));
    expect(summary.byMonth[0]?.native[0]?.collected).toBe(4_000);
    expect(summary.byMonth[1]?.reporting).toEqual(
      expect.objectContaining({ collected: 1_500, complete: true }),
    );
    expect(summary.missingRates).toEqual([{ currency: 'EUR', day: '2026-02-27' }]);
  });

  it('takes the latest rate on or before the day', () => {
    const rates = indexRates([rate('EUR', '2026-03-10', '1.2'), rate('EUR', '2026-03-01', '1.1')]);
    expect(rateOn(rates, 'USD', 'EUR', '2026-02-28')).toBeNull();
    expect(rateOn(rates, 'USD', 'EUR', '2026-03-09')).toEqual(parseRate('1.1'));
    expect(rateOn(rates, 'USD', 'EUR', '2026-03-10')).toEqual(parseRate('1.2'));
    expect(rateOn(rates, 'USD', 'EUR', '2027-01-01')).toEqual(parseRate('1.2'));
    expect(rateOn(rates, 'USD', 'USD', '2020-01-01')).toEqual({ numerator: 1n, denominator: 1n });
    expect(rateOn(rates, 'USD', 'GBP', '2026-03-10')).toBeNull();
  });
});

const MONTHS = monthsBetween('2026-01', '2026-04');
const arbPart = fc.record({
  kind: fc.constantFrom('collected' as const, 'refunded' as const, 'disputed' as const),
  day: fc
    .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 28 }))
    .map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`),
  currency: fc.constantFrom('USD', 'EUR', 'JPY'),
  amount: fc.integer({ min: 1, max: 10_000_000 }),
  count: fc.integer({ min: 1, max: 5 }),
  planId: fc.constantFrom('pln_a', 'pln_b', null),
  country: fc.constantFrom('US', 'DE', 'FR'),
});
const arbRate = fc.record({
  currency: fc.constantFrom('EUR', 'JPY'),
  day: fc
    .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 28 }))
    .map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`),
  rate: fc
    .integer({ min: 1, max: 5_000_000 })
    .map((micros) => ({ numerator: BigInt(micros), denominator: 1_000_000n })),
});

describe('revenue by month, on any parts and rates', () => {
  it('nets per month and currency, and its reporting totals are the sums of the converted parts', () => {
    fc.assert(
      fc.property(
        fc.array(arbPart, { maxLength: 60 }),
        fc.array(arbRate, { maxLength: 8 }),
        (parts, rates) => {
          const summary = summarizeRevenue(parts, { months: MONTHS, reportingCurrency: 'USD', rates });
          const index = indexRates(rates);
          for (const { month, native, reporting } of summary.byMonth) {
            const inMonth = parts.filter((p) => p.day.startsWith(month));
            for (const row of native) {
              const sum = (kind: RevenuePart['kind']) =>
                inMonth
                  .filter((p) => p.currency === row.currency && p.kind === kind)
                  .reduce((s, p) => s + p.amount, 0);
              expect(row.collected).toBe(sum('collected'));
              expect(row.refunded).toBe(sum('refunded'));
              expect(row.disputed).toBe(sum('disputed'));
              expect(row.net).toBe(row.collected - row.refunded - row.disputed);
            }
            const converted = inMonth.map((p) => ({ p, c: convertPart(p, index, 'USD') }));
            const sumConverted = (kind: RevenuePart['kind']) =>
              converted.filter(({ p }) => p.kind === kind).reduce((s, { c }) => s + (c ?? 0), 0);
            expect(reporting.collected).toBe(sumConverted('collected'));
            expect(reporting.refunded).toBe(sumConverted('refunded'));
            expect(reporting.disputed).toBe(sumConverted('disputed'));
            expect(reporting.net).toBe(reporting.collected - reporting.refunded - reporting.disputed);
            expect(reporting.complete).toBe(converted.every(({ c }) => c !== null));
          }
        },
      ),
    );
  });

  it('splits by plan and by country without losing or adding a cent', () => {
    fc.assert(
      fc.property(
        fc.array(arbPart, { maxLength: 60 }),
        fc.array(arbRate, { maxLength: 8 }),
        (parts, rates) => {
          const summary = summarizeRevenue(parts, { months: MONTHS, reportingCurrency: 'USD', rates });
          const total = (
            rows: { native: { currency: string; net: number }[]; reporting: { net: number } }[],
          ) => ({
            native: Object.fromEntries(
              summary.currencies.map((c) => [
                c,
                rows
                  .flatMap((r) => r.native)
                  .filter((n) => n.currency === c)
                  .reduce((s, n) => s + n.net, 0),
              ]),
            ),
            reporting: rows.reduce((s, r) => s + r.reporting.net, 0),
          });
          expect(total(summary.byPlan)).toEqual(total(summary.byMonth));
          expect(total(summary.byCountry)).toEqual(total(summary.byMonth));
        },
      ),
    );
  });
});
