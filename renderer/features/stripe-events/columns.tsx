import { Text } from '@mantine/core';
import { type DataColumn, codeColumn, countColumn, dateColumn, idColumn } from '../../ui/data-table';
import { EventStatusBadge } from './EventStatusBadge';
import { EVENT_STATUS_LOOK } from './status';
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
    exportValue: (e) => e.type,
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 140,
    grow: 0,
    cell: (e) => <EventStatusBadge status={e.status} error={e.lastError} />,
    exportValue: (e) => EVENT_STATUS_LOOK[e.status].label,
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
    exportValue: (e) => e.source,
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
    exportValue: (e) => e.lastError,
  },
  idColumn<StripeEventRow>(),
];
