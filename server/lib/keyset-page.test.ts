import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor } from './keyset-cursor';
import { keysetPage } from './keyset-page';

const page = (rows: { at: number; id: string }[], limit: number) =>
  keysetPage(rows, limit, { item: (r) => r.id, cursorOf: (r) => ({ value: r.at, id: r.id }) });

describe('keysetPage', () => {
  it('keeps `limit` rows and points the cursor at the last one kept when a row more was read', () => {
    const rows = [1, 2, 3].map((n) => ({ at: n * 10, id: `r${n}` }));
    const first = page(rows, 2);
    expect(first).toMatchObject({ items: ['r1', 'r2'], total: null, totalCapped: false });
    expect(decodeCursor(first.nextCursor ?? '')).toEqual({ value: 20, id: 'r2' });
  });

  it('has no next page when no more than `limit` rows came back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 51 }), (limit, n) => {
        const rows = Array.from({ length: n }, (_, i) => ({ at: i, id: `r${i}` }));
        const result = page(rows, limit);
        expect(result.items).toHaveLength(Math.min(n, limit));
        expect(result.nextCursor === null).toBe(n <= limit);
      }),
    );
  });

  it('carries the first page’s total', () => {
    const result = keysetPage([], 10, {
      item: (r: { id: string }) => r,
      cursorOf: (r) => ({ value: 0, id: r.id }),
      total: { total: 1000, totalCapped: true },
    });
    expect(result).toEqual({ items: [], nextCursor: null, total: 1000, totalCapped: true });
  });
});
