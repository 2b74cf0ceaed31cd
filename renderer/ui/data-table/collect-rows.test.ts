import { describe, expect, it } from 'vitest';
import { collectRows, type CollectProgress } from './collect-rows';
import type { FetchPage } from './types';

/** A fake keyset source over 0..count-1 whose cursor is the next index. */
function numbers(count: number, calls: { cursor: string | null; limit: number }[] = []): FetchPage<number> {
  return (cursor, limit) => {
    calls.push({ cursor, limit });
    const start = cursor === null ? 0 : Number(cursor);
    const items = Array.from({ length: Math.min(limit, count - start) }, (_, i) => start + i);
    const next = start + items.length;
    return Promise.resolve({
      items,
      nextCursor: next < count ? String(next) : null,
      total: cursor === null ? count : null,
    });
  };
}

describe('collectRows', () => {
  it('fetches every page in order with the given limit', async () => {
    const calls: { cursor: string | null; limit: number }[] = [];
    const rows = await collectRows(numbers(2500, calls), { limit: 1000 });
    expect(rows).toHaveLength(2500);
    expect(rows[0]).toBe(0);
    expect(rows[2499]).toBe(2499);
    expect(calls).toEqual([
      { cursor: null, limit: 1000 },
      { cursor: '1000', limit: 1000 },
      { cursor: '2000', limit: 1000 },
    ]);
  });

  it('reports progress against the total from the first page', async () => {
    const progress: CollectProgress[] = [];
    await collectRows(numbers(1500), { limit: 1000, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { loaded: 1000, total: 1500 },
      { loaded: 1500, total: 1500 },
    ]);
  });

  it('reports no total when the server only knows a lower bound', async () => {
    const capped: FetchPage<number> = async (cursor, limit) => ({
      ...(await numbers(1500)(cursor, limit)),
      ...(cursor === null ? { total: 1000, totalCapped: true } : {}),
    });
    const progress: CollectProgress[] = [];
    await collectRows(capped, { limit: 1000, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { loaded: 1000, total: null },
      { loaded: 1500, total: null },
    ]);
  });

  it('handles an empty view', async () => {
    expect(await collectRows(numbers(0))).toEqual([]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const pending = collectRows(numbers(5000), {
      limit: 1000,
      signal: controller.signal,
      onProgress: ({ loaded }) => loaded >= 2000 && controller.abort(),
    });
    await expect(pending).rejects.toThrow();
  });
});
