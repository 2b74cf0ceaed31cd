import { Badge, Grid, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { FieldList } from '../../ui/FieldList';
import { MoneyText } from '../../ui/MoneyText';
import { AccountInvoices } from './AccountInvoices';
import type { AccountOverviewData } from './types';

/** The account at a glance: profile, cards on file, subscriptions and invoices with receipts. */
export function AccountOverview({ data }: { data: AccountOverviewData }) {
  const { customer } = data;
  return (
    <Stack gap="lg">
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg" radius="md">
            <Title order={3} fz="lg" mb="sm">
              Profile
            </Title>
            <FieldList
              fields={[
                { label: 'Name', value: customer.name },
                { label: 'Company', value: customer.company ?? '—' },
                { label: 'Billing email', value: customer.email },
                { label: 'Country', value: customer.country },
              ]}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="lg" radius="md">
            <Title order={3} fz="lg" mb="sm">
              Cards on file
            </Title>
            {data.paymentMethods.length === 0 ? (
              <Text size="sm" c="dimmed">
                No card on file.
              </Text>
            ) : (
              <Stack gap={4}>
                {data.paymentMethods.map((m) => (
                  <Text key={m.id} size="sm">
                    {m.brand} ending {m.last4}, expires {String(m.expMonth).padStart(2, '0')}/{m.expYear}
                    {m.isDefault ? ' · default' : ''}
                  </Text>
                ))}
              </Stack>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <Paper withBorder p="lg" radius="md">
        <Title order={3} fz="lg" mb="sm">
          Subscriptions
        </Title>
        {data.subscriptions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No subscriptions.
          </Text>
        ) : (
          <Table aria-label="Your subscriptions" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Seats</Table.Th>
                <Table.Th ta="right">Price</Table.Th>
                <Table.Th>Current period ends</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.subscriptions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.planName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{s.cancelAtPeriodEnd ? 'ends at period end' : s.status}</Badge>
                  </Table.Td>
                  <Table.Td>{s.quantity}</Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={s.unitAmount * s.quantity} currency={s.currency} /> / {s.interval}
                  </Table.Td>
                  <Table.Td>{formatDate(s.currentPeriodEnd)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <AccountInvoices />
    </Stack>
  );
}
