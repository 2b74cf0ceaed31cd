import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BILLING_INTERVALS } from '../../../../shared/billing/periods';
import { usagePeriodOf, usagePeriodSpan } from './period';

const YEAR_MS = 365 * 86_400_000;
const moment = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
const cycle = fc.option(
  fc.record({
    anchor: moment,
    interval: fc.constantFrom(...BILLING_INTERVALS),
  }),
);

describe('usagePeriodSpan', () => {
  it('spans exactly the moments usagePeriodOf gives the same name', () => {
    fc.assert(
      fc.property(cycle, moment, fc.integer({ min: 0, max: YEAR_MS }), (c, at, offset) => {
        const span = usagePeriodSpan(c, at);
        const name = usagePeriodOf(c, at);
        expect(span.from).toBeLessThanOrEqual(at);
        expect(span.to).toBeGreaterThan(at);
        expect(usagePeriodOf(c, span.from)).toBe(name);
        expect(usagePeriodOf(c, span.to - 1)).toBe(name);
        expect(usagePeriodOf(c, span.to)).not.toBe(name);
        const later = at + offset;
        expect(usagePeriodOf(c, later) === name).toBe(later < span.to);
      }),
    );
  });

  it('ends a calendar month at the anchor when the subscription starts inside it', () => {
    const anchor = Date.UTC(2026, 4, 20, 12);
    const span = usagePeriodSpan({ anchor, interval: 'month' }, Date.UTC(2026, 4, 3));
    expect(span).toEqual({ from: Date.UTC(2026, 4, 1), to: anchor });
  });
});
