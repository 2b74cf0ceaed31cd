import type { Page } from '../../../../shared/page';
import type { Total } from '../../../db/list-totals';
import { keysetPage } from '../../../lib/keyset-page';
import { decodeCursor } from './keyset';

export type { Page };

/** Where the previous page ended, for `(created_at, id) < cursor`. */
export function after(cursor: string | null | undefined): { value: number; id: string } | null {
  if (!cursor) return null;
  const { value, id } = decodeCursor(cursor);
  return { value: Number(value), id };
}

/** Assembles a newest-first page from `limit + 1` fetched rows; the total comes with the first page only. */
export function pageOf<R extends { created_at: number; id: string }, T>(
  rows: R[],
  limit: number,
  item: (row: R) => T,
  total: Total | null,
): Page<T> {
  return keysetPage(rows, limit, { item, cursorOf: (row) => ({ value: row.created_at, id: row.id }), total });
}
