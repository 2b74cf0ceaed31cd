import { Text } from '@mantine/core';
import { type DataColumn, countColumn, dateColumn, idColumn } from '../../ui/data-table';
import { EmailStatusBadge } from './EmailStatusBadge';
import { STATUS_LOOK, TEMPLATE_LABELS } from './labels';
import type { EmailRow } from './types';

/** The outbox, newest first as the server sends it. */
export const emailColumns: DataColumn<EmailRow>[] = [
  dateColumn<EmailRow>('createdAt', 'Queued', (e) => e.createdAt, { align: 'left', minWidth: 130 }),
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
    exportValue: (e) => e.customerName,
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
    exportValue: (e) => e.recipient,
  },
  {
    id: 'template',
    header: 'Email',
    // "Subscription canceled" whole.
    minWidth: 190,
    grow: 0,
    cell: (e) => <Text size="sm">{TEMPLATE_LABELS[e.template]}</Text>,
    exportValue: (e) => TEMPLATE_LABELS[e.template],
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
    exportValue: (e) => e.subject,
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 120,
    grow: 0,
    cell: (e) => <EmailStatusBadge status={e.status} reason={e.lastError} />,
    exportValue: (e) => STATUS_LOOK[e.status].label,
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
    exportValue: (e) => e.lastError,
  },
  idColumn<EmailRow>(),
];
