import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  isMonth,
  lastDayOf,
  monthBounds,
  monthCount,
  monthOfTime,
  monthsBetween,
} from './overview-months';

const month = fc
  .record({ year: fc.integer({ min: 1970, max: 2999 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, m }) => `${year}-${String(m).padStart(2, '0')}`);

describe('months', () => {
  it('are YYYY-MM from 1970 on', () => {
    expect(isMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '1969-12', '2026-01-01', '']) {
      expect(isMonth(bad), bad).toBe(false);
    }
  });

  it('add across years and count both ends', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthCount('2026-03', '2026-01')).toBe(-1);
    expect(monthsBetween('2026-03', '2026-01')).toEqual([]);
  });

  it('end on their last day, leap years included', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
  });

  it('agree with the moments inside them', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -30, max: 30 }), (m, n) => {
        expect(addMonths(addMonths(m, n), -n)).toBe(m);
        const { start, end } = monthBounds(m);
        expect(monthOfTime(start)).toBe(m);
        expect(monthOfTime(end - 1)).toBe(m);
        expect(monthOfTime(end)).toBe(addMonths(m, 1));
        expect(lastDayOf(m)).toBe(new Date(end - 1).toISOString().slice(0, 10));
      }),
    );
  });
});
