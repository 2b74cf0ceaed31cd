import type { FetchPage } from './types';

export interface CollectProgress {
  loaded: number;
  /** Known after the first page when the server reports it. */
  total: number | null;
}

/**
 * Pages through a whole view, `limit` rows at a time, reporting progress after each page.
 * Stops with an AbortError when the signal fires, so a cancelled export leaves nothing behind.
 */
export async function collectRows<Row>(
  fetchPage: FetchPage<Row>,
  options: { limit?: number; onProgress?: (progress: CollectProgress) => void; signal?: AbortSignal } = {},
): Promise<Row[]> {
  const limit = options.limit ?? 1000;
  const rows: Row[] = [];
  let total: number | null = null;
  let cursor: string | null = null;
  do {
    options.signal?.throwIfAborted();
    const page = await fetchPage(cursor, limit);
    // A capped count is only a lower bound: progress then says how many so far.
    total ??= page.totalCapped ? null : page.total;
    rows.push(...page.items);
    cursor = page.nextCursor;
    options.onProgress?.({ loaded: rows.length, total });
  } while (cursor !== null);
  return rows;
}
