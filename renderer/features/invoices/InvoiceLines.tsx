import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { MoneyText } from '../../ui/MoneyText';
import { plainTable } from '../../ui/plain-table';
import { InvoiceTotals } from './InvoiceTotals';
import type { InvoicePending } from './pending';
import { lineDescription } from './line-text';
import type { InvoiceDetail } from './types';

const KIND_BADGES: Partial<Record<string, { label: string; color: string }>> = {
  proration: { label: 'Proration', color: 'violet' },
  credit: { label: 'Credit', color: 'teal' },
  one_off: { label: 'One-off', color: 'gray' },
};

/** The invoice's lines (credits and prorations as negative amounts) and its totals. */
export function InvoiceLines({ detail, waiting }: { detail: InvoiceDetail; waiting?: InvoicePending }) {
  const { invoice, lines } = detail;
  const { currency } = invoice;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="lines-title">
      <Title order={4} id="lines-title" mb="sm">
        Lines
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table {...plainTable} aria-label="Invoice lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right">Qty</Table.Th>
              <Table.Th ta="right">Unit price</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line) => {
              const badge = KIND_BADGES[line.kind];
              return (
                <Table.Tr key={line.id}>
                  <Table.Td style={{ whiteSpace: 'normal' }}>
                    <Group gap={8} wrap="nowrap">
                      <Text size="sm">{lineDescription(line.description)}</Text>
                      {badge && (
                        <Badge size="xs" variant="light" color={badge.color}>
                          {badge.label}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    <Text size="sm">{line.quantity}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={line.unitAmount} currency={currency} size="sm" c="dimmed" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText
                      amount={line.amount}
                      currency={currency}
                      size="sm"
                      c={line.amount < 0 ? 'teal' : undefined}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <InvoiceTotals invoice={invoice} waiting={waiting} />
    </Paper>
  );
}
