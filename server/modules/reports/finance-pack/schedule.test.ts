import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedMonth, nextFinancePackAt } from './schedule';

describe('the finance pack’s schedule', () => {
  it('runs on the 1st at 06:00 UTC and closes the month before', () => {
    expect(nextFinancePackAt(Date.UTC(2026, 11, 7, 10))).toBe(Date.UTC(2027, 0, 1, 6));
    expect(nextFinancePackAt(Date.UTC(2026, 11, 1, 5, 59))).toBe(Date.UTC(2026, 11, 1, 6));
    expect(nextFinancePackAt(Date.UTC(2026, 11, 1, 6))).toBe(Date.UTC(2027, 0, 1, 6));
    expect(closedMonth(Date.UTC(2027, 0, 1, 6))).toBe('2026-12');
    expect(closedMonth(Date.UTC(2026, 2, 1, 6))).toBe('2026-02');
  });

  it('is always a 1st at 06:00, after now, within a month and a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (now) => {
        const next = nextFinancePackAt(now);
        const d = new Date(next);
        expect([d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]).toEqual([1, 6, 0]);
        expect(next).toBeGreaterThan(now);
        expect(next - now).toBeLessThanOrEqual(32 * 86_400_000);
      }),
    );
  });
});
