import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundary, DAY_MS, periodAt, type BillingInterval } from './periods';
import { MAX_TIME } from './schema';

const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
// Any time an input may name: 1970 to the end of year 9999.
const anchor = fc.integer({ min: 0, max: MAX_TIME });
const interval = fc.constantFrom<BillingInterval>('month', 'year');

describe('billing periods', () => {
  it('clamp a month-end anchor without drifting', () => {
    const jan31 = utc(2025, 1, 31, 9);
    expect([0, 1, 2, 3, 13].map((n) => iso(boundary(jan31, 'month', n)))).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2026-02-28',
    ]);
    expect(iso(boundary(utc(2024, 1, 31), 'month', 1))).toBe('2024-02-29');
    expect(new Date(boundary(jan31, 'month', 1)).getUTCHours()).toBe(9);
  });

  it('keep a leap-day yearly anchor on Feb 29 in leap years', () => {
    const leap = utc(2024, 2, 29);
    expect([1, 2, 3, 4].map((n) => iso(boundary(leap, 'year', n)))).toEqual([
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
  });

  it('are contiguous, increasing, and a month or a year long', () => {
    fc.assert(
      fc.property(anchor, interval, fc.integer({ min: 0, max: 240 }), (a, i, n) => {
        const start = boundary(a, i, n);
        const end = boundary(a, i, n + 1);
        const days = (end - start) / DAY_MS;
        if (i === 'month') expect(days >= 28 && days <= 31).toBe(true);
        else expect(days === 365 || days === 366).toBe(true);
        expect(new Date(end).getUTCDate()).toBe(
          Math.min(
            new Date(a).getUTCDate(),
            new Date(
              Date.UTC(new Date(end).getUTCFullYear(), new Date(end).getUTCMonth() + 1, 0),
            ).getUTCDate(),
          ),
        );
      }),
    );
  });

  it('find the one period containing any time after the anchor', () => {
    fc.assert(
      fc.property(anchor, interval, fc.integer({ min: 0, max: 30 * 366 * DAY_MS }), (a, i, offset) => {
        const at = a + offset;
        const period = periodAt(a, i, at);
        expect(period.start).toBeLessThanOrEqual(at);
        expect(period.end).toBeGreaterThan(at);
        expect(period.start).toBe(boundary(a, i, period.index));
        expect(period.end).toBe(boundary(a, i, period.index + 1));
      }),
    );
    expect(() => periodAt(utc(2025, 1, 1), 'month', utc(2024, 12, 31))).toThrow(RangeError);
  });
});
