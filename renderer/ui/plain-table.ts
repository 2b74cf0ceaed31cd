import type { TableProps } from '@mantine/core';

/**
 * Props for the small tables inside a page (an invoice's lines, its payments): headers in
 * the DataTable's small dimmed capitals, cells on one line, figures in tabular digits.
 */
export const plainTable = {
  verticalSpacing: 'xs',
  styles: {
    table: { fontVariantNumeric: 'tabular-nums' },
    th: {
      fontSize: 'var(--mantine-font-size-xs)',
      fontWeight: 600,
      letterSpacing: '0.02em',
      textTransform: 'uppercase',
      color: 'var(--mantine-color-dimmed)',
      whiteSpace: 'nowrap',
    },
    td: { whiteSpace: 'nowrap' },
  },
} satisfies Partial<TableProps>;
