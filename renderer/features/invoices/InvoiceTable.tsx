import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatDate } from '../../lib/format';
import { MoneyText } from '../../ui/MoneyText';
import { plainTable } from '../../ui/plain-table';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { periodText } from '../../lib/period-text';
import { BILLING_REASON_LABELS } from './status';
import type { InvoiceRow } from './types';

/** A short list of invoices (a subscription's, a customer's) with links to each. */
export function InvoiceTable({ invoices, label }: { invoices: readonly InvoiceRow[]; label: string }) {
  if (invoices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No invoices yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table {...plainTable} aria-label={label} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>For</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th ta="right">Paid</Table.Th>
            <Table.Th ta="right">Date</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => (
            <Table.Tr key={invoice.id}>
              <Table.Td>
                <Anchor
                  size="sm"
                  ff="monospace"
                  renderRoot={(props) => <Link to="/invoices/$id" params={{ id: invoice.id }} {...props} />}
                >
                  {invoice.number ?? 'Draft'}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <InvoiceStatusBadge invoice={invoice} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{BILLING_REASON_LABELS[invoice.billingReason] ?? invoice.billingReason}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {invoice.periodStart !== null && invoice.periodEnd !== null
                    ? periodText(invoice.periodStart, invoice.periodEnd)
                    : '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText amount={invoice.total} currency={invoice.currency} size="sm" />
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText amount={invoice.amountPaid} currency={invoice.currency} size="sm" c="dimmed" />
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" c="dimmed" className="tabular">
                  {formatDate(invoice.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
