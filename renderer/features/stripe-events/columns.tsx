import { Text } from '@mantine/core';
import { type DataColumn, codeColumn, countColumn, dateColumn, idColumn } from '../../ui/data-table';
import { EventStatusBadge } from './EventStatusBadge';
import type { StripeEventRow } from './types';

/** The inbox, newest received first as the server sends it. */
export const stripeEventColumns: DataColumn<StripeEventRow>[] = [
  dateColumn<StripeEventRow>('receivedAt', 'Received', (e) => e.receivedAt, {
    align: 'left',
    minWidth: 150,
  }),
  {
    id: 'type',
    header: 'Type',
    hideable: false,
    minWidth: 240,
    grow: 2,
    cell: (e) => (
      <Text size="sm" ff="monospace" truncate>
        {e.type}
      </Text>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 140,
    grow: 0,
    cell: (e) => <EventStatusBadge status={e.status} error={e.lastError} />,
  },
  codeColumn<StripeEventRow>('objectId', 'Object', (e) => e.objectId ?? '', { minWidth: 200 }),
  countColumn<StripeEventRow>('attempts', 'Attempts', (e) => e.attempts),
  {
    id: 'source',
    header: 'Source',
    minWidth: 110,
    grow: 0,
    defaultHidden: true,
    cell: (e) => <Text size="sm">{e.source === 'webhook' ? 'Webhook' : 'Events list'}</Text>,
  },
  {
    id: 'error',
    header: 'Last error',
    minWidth: 200,
    grow: 1,
    cell: (e) => (
      <Text size="sm" c="red" truncate>
        {e.lastError ?? ''}
      </Text>
    ),
  },
  // The export's Event column is the event's id.
  { ...idColumn<StripeEventRow>(), exportAs: ['event'] },
];
