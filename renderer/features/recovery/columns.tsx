import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { codeColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { DateText } from '../../ui/DateText';
import { MoneyText } from '../../ui/MoneyText';
import { formatDateTime } from '../../lib/format';
import { RecoveryActions } from './RecoveryActions';
import { attemptsText, RECOVERY_STATUS_LOOK } from './recovery-text';
import type { RecoveryRow } from './types';

/** What comes next for a recovery, in a few words. */
function nextText(row: RecoveryRow): string {
  if (row.nextAttemptAt !== null) return formatDateTime(row.nextAttemptAt);
  switch (row.status) {
    case 'waiting_for_card':
      return 'When a new card is added';
    case 'paused':
      return 'Paused by staff';
    default:
      return '—';
  }
}

/** Invoices in recovery, soonest retry first as the server sends them. */
export const recoveryColumns: DataColumn<RecoveryRow>[] = [
  {
    id: 'invoice',
    header: 'Invoice',
    hideable: false,
    minWidth: 200,
    grow: 2,
    cell: (r) => (
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor
          size="sm"
          ff="monospace"
          tabIndex={-1}
          renderRoot={(props) => <Link to="/invoices/$id" params={{ id: r.invoiceId }} {...props} />}
        >
          {r.invoiceNumber ?? 'Draft'}
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          {r.customerName}
        </Text>
      </Stack>
    ),
  },
  {
    id: 'amount',
    header: 'Failed amount',
    align: 'right',
    minWidth: 120,
    grow: 0,
    cell: (r) => <MoneyText amount={r.failedAmount} currency={r.currency} size="sm" />,
  },
  codeColumn<RecoveryRow>('currency', 'Currency', (r) => r.currency, { defaultHidden: true }),
  {
    id: 'status',
    header: 'Status',
    minWidth: 170,
    grow: 0,
    cell: (r) => (
      <Badge variant="light" color={RECOVERY_STATUS_LOOK[r.status].color} radius="sm">
        {RECOVERY_STATUS_LOOK[r.status].label}
      </Badge>
    ),
  },
  {
    id: 'attempts',
    header: 'Attempts',
    align: 'right',
    minWidth: 90,
    grow: 0,
    cell: (r) => (
      <Text size="sm" className="tabular">
        {attemptsText(r.attempts, r.maxAttempts)}
      </Text>
    ),
  },
  {
    id: 'next',
    header: 'Next retry',
    minWidth: 210,
    grow: 1,
    cell: (r) => (
      <Text size="sm" c={r.nextAttemptAt === null ? 'dimmed' : undefined} truncate>
        {nextText(r)}
      </Text>
    ),
  },
  {
    id: 'grace',
    header: 'Access until',
    align: 'right',
    minWidth: 140,
    grow: 0,
    cell: (r) => <DateText ms={r.graceEndsAt} size="sm" c="dimmed" />,
  },
  {
    id: 'failure',
    header: 'Last failure',
    minWidth: 150,
    grow: 0,
    defaultHidden: true,
    cell: (r) => (
      <Text size="xs" ff="monospace" c="dimmed">
        {r.lastFailureCode ?? ''}
      </Text>
    ),
  },
  dateColumn<RecoveryRow>('startedAt', 'First failed', (r) => r.startedAt, { defaultHidden: true }),
  {
    id: 'actions',
    header: 'Actions',
    align: 'right',
    minWidth: 80,
    grow: 0,
    cell: (r) => <RecoveryActions row={r} />,
  },
  idColumn<RecoveryRow>(),
];
