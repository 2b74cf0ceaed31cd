import { Anchor, Box, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Customer } from '../../../shared/customers/schema';
import { countryName, formatDateTime } from '../../lib/format';
import { DateText } from '../../ui/DateText';
import { FieldList } from '../../ui/FieldList';
import { CustomerWithPending } from './PendingMarks';
import { StatusBadge } from './StatusBadge';

const dimmedDash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);

function When({ ms }: { ms: number }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" className="tabular">
        {formatDateTime(ms)}
      </Text>
      <Text size="sm" c="dimmed">
        ·
      </Text>
      <DateText ms={ms} size="sm" c="dimmed" />
    </Group>
  );
}

export function CustomerProfile({ customer }: { customer: Customer }) {
  // A field's value, with the Pending badge while a waiting command changes it.
  const pendingField = (field: string, value: ReactNode) => (
    <CustomerWithPending customer={customer} field={field}>
      <Box miw={0}>{value}</Box>
    </CustomerWithPending>
  );
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="profile-title">
      <Title order={4} id="profile-title" mb="md">
        Profile
      </Title>
      <FieldList
        fields={[
          { label: 'Name', value: pendingField('name', customer.name) },
          {
            label: 'Email',
            value: pendingField('email', <Anchor href={`mailto:${customer.email}`}>{customer.email}</Anchor>),
          },
          {
            label: 'Country',
            value: pendingField(
              'country',
              <Group gap={6}>
                {countryName(customer.country)}
                <Text span size="xs" c="dimmed" ff="monospace">
                  {customer.country}
                </Text>
              </Group>,
            ),
          },
          { label: 'Company', value: pendingField('company', customer.company ?? dimmedDash) },
          {
            label: 'Notes',
            value: pendingField(
              'notes',
              customer.notes ? <Text style={{ whiteSpace: 'pre-wrap' }}>{customer.notes}</Text> : dimmedDash,
            ),
          },
          { label: 'Status', value: pendingField('status', <StatusBadge status={customer.status} />) },
          { label: 'Created', value: <When ms={customer.createdAt} /> },
          { label: 'Updated', value: <When ms={customer.updatedAt} /> },
          ...(customer.archivedAt ? [{ label: 'Archived', value: <When ms={customer.archivedAt} /> }] : []),
          {
            label: 'ID',
            value: (
              <Text span size="xs" ff="monospace" c="dimmed">
                {customer.id}
              </Text>
            ),
          },
        ]}
      />
    </Paper>
  );
}
