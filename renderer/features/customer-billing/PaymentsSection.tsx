import { Stack, Table, Text } from '@mantine/core';
import { DateText } from '../../ui/DateText';
import { MoneyText } from '../../ui/MoneyText';
import { cardText, PaymentStatusBadge } from '../payments';
import { InvoiceLink } from './links';
import { Section } from './Section';
import type { PaymentRow } from './types';

const SHOWN = 8;

/** The customer's latest payment attempts, with the reason any of them failed. */
export function PaymentsSection({ payments }: { payments: PaymentRow[] }) {
  return (
    <Section id="payments-title" title="Recent payments">
      {payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          No payments yet.
        </Text>
      ) : (
        <Table verticalSpacing={8} aria-labelledby="payments-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Amount</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Card</Table.Th>
              <Table.Th>Invoice</Table.Th>
              <Table.Th ta="right">When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.slice(0, SHOWN).map((payment) => (
              <Table.Tr key={payment.id}>
                <Table.Td>
                  <MoneyText amount={payment.amount} currency={payment.currency} size="sm" fw={600} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <PaymentStatusBadge status={payment.status} />
                    {payment.failureMessage && (
                      <Text size="xs" c="red">
                        {payment.failureMessage}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={payment.method ? undefined : 'dimmed'}>
                    {payment.method ? cardText(payment.method.brand, payment.method.last4) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <InvoiceLink id={payment.invoiceId} ff="monospace">
                    {payment.invoiceNumber ?? 'Draft'}
                  </InvoiceLink>
                </Table.Td>
                <Table.Td ta="right">
                  <DateText ms={payment.createdAt} size="sm" c="dimmed" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
