import { Table, Text } from '@mantine/core';
import { DateText } from '../../ui/DateText';
import { MoneyText } from '../../ui/MoneyText';
import { InvoiceStatusBadge } from '../invoices';
import { InvoiceLink } from './links';
import { Section } from './Section';
import type { InvoiceRow } from './types';

const SHOWN = 8;

/** The customer's latest invoices, each opening its own page. */
export function InvoicesSection({ invoices }: { invoices: InvoiceRow[] }) {
  return (
    <Section id="invoices-title" title="Recent invoices">
      {invoices.length === 0 ? (
        <Text size="sm" c="dimmed">
          No invoices yet.
        </Text>
      ) : (
        <Table verticalSpacing={8} aria-labelledby="invoices-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th ta="right">Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoices.slice(0, SHOWN).map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Td>
                  <InvoiceLink id={invoice.id} ff="monospace" fw={550}>
                    {invoice.number ?? 'Draft'}
                  </InvoiceLink>
                </Table.Td>
                <Table.Td>
                  <InvoiceStatusBadge invoice={invoice} />
                </Table.Td>
                <Table.Td ta="right">
                  <MoneyText amount={invoice.total} currency={invoice.currency} size="sm" fw={600} />
                </Table.Td>
                <Table.Td ta="right">
                  <DateText ms={invoice.createdAt} size="sm" c="dimmed" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
