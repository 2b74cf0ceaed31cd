import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UsageLimit } from '../../../../shared/licensing/policy';
import { overageCharge } from '../../../../shared/licensing/usage';
import { coveredLimit, overageLines, usageSpan, type UsageTotal } from './overage';

const DAY = 86_400_000;
const JAN = Date.UTC(2026, 0, 1);
const FEB = Date.UTC(2026, 1, 1);
const CLOSED = { start: JAN, end: FEB };
const LIMIT: UsageLimit = {
  metric: 'api_calls',
  limit: 1000,
  rule: { kind: 'BILL', unitPrice: 3, currency: 'USD' },
};

const total = (quantity: number, billedQuantity = 0, period = '2026-01'): UsageTotal => ({
  licenseId: 'lic_1',
  metric: 'api_calls',
  period,
  quantity,
  billedQuantity,
});

const bill = (
  totals: UsageTotal[],
  options: { limits?: UsageLimit[]; issuedAt?: number; closed?: typeof CLOSED } = {},
) =>
  overageLines({
    totals,
    limitsOf: () => options.limits ?? [LIMIT],
    issuedAtOf: () => options.issuedAt ?? JAN,
    closed: options.closed ?? CLOSED,
    currency: 'USD',
  });

describe('usageSpan', () => {
  it('reads a calendar month and a period keyed by its start', () => {
    expect(usageSpan('2026-01', CLOSED)).toEqual({ start: JAN, end: FEB });
    expect(usageSpan('2026-01-01T00:00', CLOSED)).toEqual(CLOSED);
    expect(usageSpan('2025-12-01T00:00Z', CLOSED)).toEqual({ start: Date.UTC(2025, 11, 1), end: JAN });
    expect(usageSpan('last month', CLOSED)).toBeNull();
  });
});

describe('overageLines', () => {
  it('bills the units over the limit at the rule’s price, and only those not billed yet', () => {
    expect(bill([total(1250)]).lines).toEqual([
      expect.objectContaining({
        units: 250,
        unitPrice: 3,
        amount: 750,
        billedQuantity: 250,
        currency: 'USD',
      }),
    ]);
    expect(bill([total(1300, 250)]).lines).toEqual([
      expect.objectContaining({ units: 50, amount: 150, billedQuantity: 300 }),
    ]);
    expect(bill([total(1000)]).lines).toEqual([]);
    expect(bill([total(1300, 300)]).lines).toEqual([]);
  });

  it('leaves BLOCK and ALLOW_MULTIPLE limits, unknown metrics and periods still open alone', () => {
    const block: UsageLimit = { ...LIMIT, rule: { kind: 'BLOCK' } };
    expect(bill([total(5000)], { limits: [block] }).lines).toEqual([]);
    expect(bill([total(5000)], { limits: [] }).lines).toEqual([]);
    expect(bill([total(5000, 0, '2026-02')]).lines).toEqual([]);
  });

  it('skips a limit billed in another currency, saying why', () => {
    const euro: UsageLimit = { ...LIMIT, rule: { kind: 'BILL', unitPrice: 3, currency: 'EUR' } };
    const result = bill([total(1100)], { limits: [euro] });
    expect(result.lines).toEqual([]);
    expect(result.skipped).toEqual([
      expect.objectContaining({ reason: 'billed in EUR, the invoice is in USD' }),
    ]);
  });

  it('prorates the limit for a license issued inside the period', () => {
    const mid = JAN + 15.5 * DAY; // half of January's 31 days
    expect(coveredLimit(CLOSED, 1000, mid)).toBe(500);
    expect(bill([total(600)], { issuedAt: mid }).lines).toEqual([expect.objectContaining({ units: 100 })]);
  });
});

describe('properties', () => {
  it('billing a growing total invoice after invoice adds up to its whole charge, to the cent, never twice', () => {
    const increments = fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 8 });
    const price = fc.integer({ min: 1, max: 10_000 });
    fc.assert(
      fc.property(increments, price, (steps, unitPrice) => {
        const limits: UsageLimit[] = [{ ...LIMIT, rule: { kind: 'BILL', unitPrice, currency: 'USD' } }];
        let quantity = 0;
        let billedQuantity = 0;
        let billedAmount = 0;
        for (const step of steps) {
          quantity += step;
          const { lines } = bill([total(quantity, billedQuantity)], { limits });
          for (const line of lines) {
            billedAmount += line.amount;
            billedQuantity = line.billedQuantity;
          }
          // Nothing is left to bill right after billing.
          expect(bill([total(quantity, billedQuantity)], { limits }).lines).toEqual([]);
        }
        const whole = overageCharge(limits[0] as UsageLimit, quantity);
        expect(billedAmount).toBe(whole?.amount);
        expect(billedQuantity).toBe(whole?.units);
      }),
    );
  });

  it('a covered limit is never more than the limit, nor less than none, and whole when covered throughout', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: JAN - 10 * DAY, max: FEB + DAY }),
        (limit, from) => {
          const counted = coveredLimit(CLOSED, limit, from);
          expect(counted).toBeGreaterThanOrEqual(0);
          expect(counted).toBeLessThanOrEqual(limit);
          if (from <= JAN) expect(counted).toBe(limit);
        },
      ),
    );
  });
});
