import { Group, Text } from '@mantine/core';
import type { Customer } from '../../../shared/customers/schema';
import { countryName } from '../../lib/format';
import { dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { CustomerWithPending } from './PendingMarks';
import { StatusBadge } from './StatusBadge';

/** The customers table: what each column shows, sorts by and exports; changes not yet confirmed by the server are marked Pending. */
export const customerColumns: DataColumn<Customer>[] = [
  {
    id: 'name',
    header: 'Name',
    sortField: 'name',
    hideable: false,
    minWidth: 200,
    grow: 2,
    cell: (c) => (
      <CustomerWithPending customer={c}>
        <Text size="sm" fw={550} truncate>
          {c.name}
        </Text>
      </CustomerWithPending>
    ),
  },
  {
    id: 'email',
    header: 'Email',
    sortField: 'email',
    minWidth: 220,
    grow: 2,
    cell: (c) => (
      <Text size="sm" c="dimmed" truncate>
        {c.email}
      </Text>
    ),
  },
  {
    id: 'company',
    header: 'Company',
    minWidth: 160,
    grow: 1.5,
    cell: (c) => (
      <CustomerWithPending customer={c} field="company">
        <Text size="sm" truncate c={c.company ? undefined : 'dimmed'}>
          {c.company ?? '—'}
        </Text>
      </CustomerWithPending>
    ),
  },
  {
    id: 'country',
    header: 'Country',
    sortField: 'country',
    minWidth: 160,
    grow: 1.2,
    cell: (c) => (
      <Group gap={6} wrap="nowrap">
        <Text size="sm" truncate>
          {countryName(c.country)}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {c.country}
        </Text>
      </Group>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    minWidth: 110,
    grow: 0,
    cell: (c) => (
      <CustomerWithPending customer={c} field="status">
        <StatusBadge status={c.status} />
      </CustomerWithPending>
    ),
  },
  dateColumn<Customer>('createdAt', 'Created', (c) => c.createdAt, {
    sortField: 'createdAt',
    firstDirection: 'desc',
  }),
  dateColumn<Customer>('updatedAt', 'Updated', (c) => c.updatedAt, { defaultHidden: true, exportAs: [] }),
  idColumn<Customer>(),
];
