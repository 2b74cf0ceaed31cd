import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import { MoneyText } from '../../ui/MoneyText';
import { plainTable } from '../../ui/plain-table';
import { disputeStatusColor, disputeWords } from './dispute-labels';
import type { InvoiceDetail } from './types';

type InvoiceDispute = InvoiceDetail['disputes'][number];

/** Chargebacks opened against this invoice's payments, as Stripe reported them. */
export function InvoiceDisputes({ disputes }: { disputes: readonly InvoiceDispute[] }) {
  if (disputes.length === 0) return null;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="disputes-title">
      <Title order={4} id="disputes-title">
        Disputes
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The cardholder’s bank is reclaiming this money. Answer with evidence in Stripe’s dashboard.
      </Text>
      <Table {...plainTable} aria-label="Disputes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Opened</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {disputes.map((dispute) => (
            <Table.Tr key={dispute.id}>
              <Table.Td>
                <Text size="sm" className="tabular">
                  {formatDateTime(dispute.openedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{disputeWords(dispute.reason)}</Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" color={disputeStatusColor(dispute.status)}>
                  {disputeWords(dispute.status)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText amount={dispute.amount} currency={dispute.currency} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
