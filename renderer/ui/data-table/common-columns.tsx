import { Text } from '@mantine/core';
import { DateText } from '../DateText';
import type { DataColumn } from './types';

/** What a list may still tune on a ready-made column: width, alignment, sorting, visibility. */
type Tuning<Row> = Partial<Omit<DataColumn<Row>, 'id' | 'header' | 'cell'>>;

/** A moment shown as "3 days ago" (exact on hover) and exported as an ISO timestamp. */
export function dateColumn<Row>(
  id: string,
  header: string,
  ms: (row: Row) => number,
  tuning: Tuning<Row> = {},
): DataColumn<Row> {
  return {
    id,
    header,
    align: 'right',
    minWidth: 140,
    grow: 0,
    cell: (row) => <DateText ms={ms(row)} size="sm" c="dimmed" />,
    ...tuning,
  };
}

/** A short code (a currency, a country) in small monospace, as the lists show codes. */
export function codeColumn<Row>(
  id: string,
  header: string,
  value: (row: Row) => string,
  tuning: Tuning<Row> = {},
): DataColumn<Row> {
  return {
    id,
    header,
    minWidth: 96,
    grow: 0,
    cell: (row) => (
      <Text size="xs" ff="monospace" c="dimmed">
        {value(row)}
      </Text>
    ),
    ...tuning,
  };
}

/** A count (attempts, items) right-aligned in tabular figures, exported as the number. */
export function countColumn<Row>(
  id: string,
  header: string,
  value: (row: Row) => number,
  tuning: Tuning<Row> = {},
): DataColumn<Row> {
  return {
    id,
    header,
    align: 'right',
    minWidth: 90,
    grow: 0,
    cell: (row) => (
      <Text size="sm" c="dimmed" className="tabular">
        {value(row)}
      </Text>
    ),
    ...tuning,
  };
}

/** The row's id: hidden until asked for, there to copy and to export. */
export function idColumn<Row extends { id: string }>(): DataColumn<Row> {
  return codeColumn<Row>('id', 'ID', (row) => row.id, { minWidth: 270, defaultHidden: true });
}
