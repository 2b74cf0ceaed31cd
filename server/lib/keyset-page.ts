import type { Page } from '../../shared/page';
import { encodeCursor, type KeysetCursor } from './keyset-cursor';

/** A list's total, as the first page reports it (see db/list-totals). */
export interface PageTotal {
  total: number | null;
  totalCapped: boolean;
}

/** Later pages, and lists that are not counted, report no total. */
export const NO_TOTAL: PageTotal = { total: null, totalCapped: false };

/**
 * Assembles a keyset page from the rows a query read with `LIMIT limit + 1`: the extra row
 * only says that another page follows, and the cursor points at the last row kept.
 */
export function keysetPage<R, T>(
  rows: readonly R[],
  limit: number,
  options: { item: (row: R) => T; cursorOf: (row: R) => KeysetCursor; total?: PageTotal | null },
): Page<T> {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const total = options.total ?? NO_TOTAL;
  return {
    items: rows.slice(0, limit).map(options.item),
    nextCursor: last === undefined ? null : encodeCursor(options.cursorOf(last)),
    total: total.total,
    totalCapped: total.totalCapped,
  };
}
