import { exportColumnId } from '../../../shared/exports/schema';
import type { DataColumn } from './types';

/** The export columns of the table columns shown, in their order, each once. */
export function exportColumnsOf(
  shown: readonly Pick<DataColumn<unknown>, 'header' | 'exportAs'>[],
): string[] {
  const ids = shown.flatMap((column) => column.exportAs ?? [exportColumnId(column.header)]);
  return [...new Set(ids)];
}
