import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { codeColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { MoneyText } from '../../ui/MoneyText';
import { perInterval, planWithQuantity } from './price-text';
import { StripeBadge } from './StripeBadge';
import { SubscriptionStatusBadge } from './SubscriptionStatusBadge';
import type { SubscriptionRow } from './types';

/** The subscriptions table: what each column shows and exports (the server sorts newest first). */
export const subscriptionColumns: DataColumn<SubscriptionRow>[] = [
  {
    id: 'customer',
    header: 'Customer',
    hideable: false,
    minWidth: 200,
    grow: 2,
    cell: (s) => (
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={550} truncate>
          {s.customerName}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {s.customerEmail}
        </Text>
      </Stack>
    ),
  },
  {
    id: 'email',
    header: 'Email',
    minWidth: 200,
    defaultHidden: true,
    cell: (s) => (
      <Text size="sm" c="dimmed" truncate>
        {s.customerEmail}
      </Text>
    ),
    exportAs: ['customer-email'],
  },
  {
    id: 'plan',
    header: 'Plan',
    minWidth: 120,
    grow: 1,
    cell: (s) => (
      <Text size="sm" truncate>
        {planWithQuantity(s.planName, s.quantity)}
      </Text>
    ),
    exportAs: ['plan', 'interval'],
  },
  {
    id: 'amount',
    header: 'Amount',
    align: 'right',
    minWidth: 150,
    grow: 0,
    cell: (s) => (
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <MoneyText amount={s.amount} currency={s.currency} size="sm" />
        <Text size="xs" c="dimmed">
          {perInterval(s.interval)}
        </Text>
      </Group>
    ),
  },
  codeColumn<SubscriptionRow>('currency', 'Currency', (s) => s.currency),
  {
    id: 'status',
    header: 'Status',
    minWidth: 250,
    grow: 0,
    cell: (s) => (
      <Group gap={6} wrap="nowrap">
        <SubscriptionStatusBadge status={s.status} style={{ flexShrink: 0 }} />
        {s.managedBy === 'stripe' && <StripeBadge />}
        {s.cancelAtPeriodEnd && (
          <Tooltip label="Set to cancel at the end of the current period">
            <Badge color="red" variant="outline" size="sm" style={{ flexShrink: 0 }}>
              Cancels {formatDate(s.currentPeriodEnd)}
            </Badge>
          </Tooltip>
        )}
      </Group>
    ),
    exportAs: ['status', 'cancels-at-period-end'],
  },
  dateColumn<SubscriptionRow>('periodEnd', 'Period ends', (s) => s.currentPeriodEnd, {
    minWidth: 130,
    exportAs: ['period-end'],
  }),
  dateColumn<SubscriptionRow>('createdAt', 'Created', (s) => s.createdAt),
  idColumn<SubscriptionRow>(),
];
