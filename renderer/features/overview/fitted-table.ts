import type { TableProps } from '@mantine/core';
import { plainTable } from '../../ui/plain-table';

/**
 * The Overview's wide tables (a column per kind, a column per month): laid out to the width
 * of their card, so nothing scrolls sideways on a laptop; headers and long amounts wrap
 * instead, in small tabular figures.
 */
export const fittedTable = {
  ...plainTable,
  horizontalSpacing: 6,
  fz: 'xs',
  styles: {
    ...plainTable.styles,
    table: { ...plainTable.styles.table, tableLayout: 'fixed', width: '100%' },
    th: { ...plainTable.styles.th, whiteSpace: 'normal' },
    td: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  },
} satisfies Partial<TableProps>;
