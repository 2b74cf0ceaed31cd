import { Text } from '@mantine/core';
import { type DataColumn, countColumn, dateColumn, idColumn } from '../../ui/data-table';
import { EmailStatusBadge } from './EmailStatusBadge';
import { TEMPLATE_LABELS } from './labels';
import type { EmailRow } from './types';

/** The outbox, newest first as the server sends it. */
export const emailColumns: DataColumn<EmailRow>[] = [
  dateColumn<EmailRow>('createdAt', 'Queued', (e) => e.createdAt, {
    align: 'left',
    minWidth: 130,
    exportAs: ['created'],
  }),
  {
    id: 'customer',
    header: 'Customer',
    hideable: false,
    minWidth: 170,
    grow: 1,
    cell: (e) => (
      <Text size="sm" fw={550} truncate>
        {e.customerName ?? '—'}
      </Text>
    ),
  },
  {
    id: 'to',
    header: 'To',
    minWidth: 200,
    grow: 1,
    cell: (e) => (
      <Text size="sm" c="dimmed" truncate>
        {e.recipient}
      </Text>
    ),
    exportAs: ['recipient'],
  },
  {
    id: 'template',
    header: 'Email',
    // "Subscription canceled" whole.
    minWidth: 190,
    grow: 0,
    cell: (e) => <Text size="sm">{TEMPLATE_LABELS[e.template]}</Text>,
    exportAs: ['template'],
  },
  {
    id: 'subject',
    header: 'Subject',
    minWidth: 240,
    grow: 2,
    cell: (e) => (
      <Text size="sm" truncate>
        {e.subject}
      </Text>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 120,
    grow: 0,
    cell: (e) => <EmailStatusBadge status={e.status} reason={e.lastError} />,
  },
  countColumn<EmailRow>('attempts', 'Attempts', (e) => e.attempts, { minWidth: 100 }),
  {
    id: 'error',
    header: 'Last error',
    minWidth: 220,
    grow: 1,
    defaultHidden: true,
    cell: (e) => (
      <Text size="sm" c={e.status === 'failed' ? 'red' : 'dimmed'} truncate>
        {e.lastError ?? ''}
      </Text>
    ),
  },
  idColumn<EmailRow>(),
];
