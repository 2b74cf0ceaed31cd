import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { REFUND_REASON_LABELS } from '../../../shared/billing/refund-reasons';
import { formatDateTime } from '../../lib/format';
import { MoneyText } from '../../ui/MoneyText';
import { plainTable } from '../../ui/plain-table';
import type { InvoiceRefund } from './types';

const STATUS = {
  pending: { label: 'Pending', color: 'yellow' },
  succeeded: { label: 'Refunded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
} as const;

/** Money given back on this invoice, with why. */
export function InvoiceRefunds({ refunds }: { refunds: readonly InvoiceRefund[] }) {
  if (refunds.length === 0) return null;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="refunds-title">
      <Title order={4} id="refunds-title" mb="sm">
        Refunds
      </Title>
      <Table {...plainTable} aria-label="Refunds">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {refunds.map((refund) => (
            <Table.Tr key={refund.id}>
              <Table.Td>
                <Text size="sm" className="tabular">
                  {formatDateTime(refund.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{REFUND_REASON_LABELS[refund.reason]}</Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" color={STATUS[refund.status].color}>
                  {STATUS[refund.status].label}
                </Badge>
                {refund.failureMessage && (
                  <Text size="xs" c="red">
                    {refund.failureMessage}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText amount={refund.amount} currency={refund.currency} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
