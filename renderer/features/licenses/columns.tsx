import { Code, Stack, Text } from '@mantine/core';
import { countColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { DateText } from '../../ui/DateText';
import { LicenseStatusBadge } from './status';
import type { LicenseRow } from './types';

/** The Licenses table: who holds each license, under which policy, until when, on how much. */
export const licenseColumns: DataColumn<LicenseRow>[] = [
  {
    id: 'customer',
    header: 'Customer',
    hideable: false,
    exportAs: ['customer', 'license'],
    minWidth: 200,
    grow: 2,
    cell: (l) => (
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={550} truncate>
          {l.customerName ?? l.customerId}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {l.name}
        </Text>
      </Stack>
    ),
  },
  {
    id: 'policy',
    header: 'Policy',
    minWidth: 140,
    grow: 1,
    cell: (l) => (
      <Text size="sm" truncate>
        {l.policyName}
      </Text>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 110,
    grow: 0,
    cell: (l) => <LicenseStatusBadge status={l.status} />,
  },
  {
    id: 'expires',
    header: 'Expires',
    align: 'right',
    minWidth: 130,
    grow: 0,
    sortField: 'expiresAt',
    cell: (l) =>
      l.expiresAt === null ? (
        <Text size="sm" c="dimmed">
          Never
        </Text>
      ) : (
        <DateText ms={l.expiresAt} size="sm" c="dimmed" />
      ),
  },
  countColumn<LicenseRow>('machines', 'Machines', (l) => l.machines),
  countColumn<LicenseRow>('seats', 'Seats', (l) => l.seats),
  {
    id: 'key',
    header: 'Key',
    minWidth: 100,
    grow: 0,
    defaultHidden: true,
    cell: (l) => <Code>…{l.keyHint}</Code>,
  },
  dateColumn<LicenseRow>('createdAt', 'Created', (l) => l.createdAt, {
    sortField: 'createdAt',
    firstDirection: 'desc',
  }),
  idColumn<LicenseRow>(),
];
