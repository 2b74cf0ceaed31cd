import { decodeCursor, encodeCursor } from './keyset';
import type { Total } from '../../../db/list-totals';

/** One page of a newest-first list; the total (and whether it is capped) comes with the first page only. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number | null;
  totalCapped: boolean;
}

/** Where the previous page ended, for `(created_at, id) < cursor`. */
export function after(cursor: string | null | undefined): { value: number; id: string } | null {
  if (!cursor) return null;
  const { value, id } = decodeCursor(cursor);
  return { value: Number(value), id };
}

/** Assembles a page from `limit + 1` fetched rows. */
export function pageOf<R extends { created_at: number; id: string }, T>(
  rows: R[],
  limit: number,
  item: (row: R) => T,
  total: Total | null,
): Page<T> {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    items: rows.slice(0, limit).map(item),
    nextCursor: last ? encodeCursor({ value: last.created_at, id: last.id }) : null,
    total: total?.total ?? null,
    totalCapped: total?.totalCapped ?? false,
  };
}
