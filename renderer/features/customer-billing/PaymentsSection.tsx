import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { REFUND_REASON_LABELS } from '../../../shared/billing/refund-reasons';
import { DateText } from '../../ui/DateText';
import { MoneyText } from '../../ui/MoneyText';
import { cardText } from '../../../shared/card-brands';
import { PaymentStatusBadge } from '../payments';
import { InvoiceLink } from './links';
import { paymentRefundNote, refundExtentText } from './refund-text';
import { Section } from './Section';
import type { PaymentRow, RefundRow } from './types';

const SHOWN = 8;

const REFUND_STATUS = {
  pending: { label: 'Pending', color: 'yellow' },
  succeeded: { label: 'Refunded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
} as const;

function PaymentsTable({ payments }: { payments: PaymentRow[] }) {
  return (
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
        {payments.slice(0, SHOWN).map((payment) => {
          const refunded = paymentRefundNote(payment);
          return (
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
                  {refunded && <Text size="xs">{refunded}</Text>}
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
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function RefundsTable({ refunds }: { refunds: RefundRow[] }) {
  return (
    <Table verticalSpacing={8} aria-labelledby="refunds-title">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Amount</Table.Th>
          <Table.Th>Refund</Table.Th>
          <Table.Th>Reason</Table.Th>
          <Table.Th>Invoice</Table.Th>
          <Table.Th ta="right">When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {refunds.slice(0, SHOWN).map((refund) => (
          <Table.Tr key={refund.id}>
            <Table.Td>
              <MoneyText amount={refund.amount} currency={refund.currency} size="sm" fw={600} />
            </Table.Td>
            <Table.Td>
              <Stack gap={2} align="flex-start">
                <Text size="sm">{refundExtentText(refund)}</Text>
                {refund.status !== 'succeeded' && (
                  <Badge size="xs" variant="light" color={REFUND_STATUS[refund.status].color}>
                    {REFUND_STATUS[refund.status].label}
                  </Badge>
                )}
                {refund.failureMessage && (
                  <Text size="xs" c="red">
                    {refund.failureMessage}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{REFUND_REASON_LABELS[refund.reason]}</Text>
            </Table.Td>
            <Table.Td>
              <InvoiceLink id={refund.invoiceId} ff="monospace">
                {refund.invoiceNumber ?? 'Draft'}
              </InvoiceLink>
            </Table.Td>
            <Table.Td ta="right">
              <DateText ms={refund.createdAt} size="sm" c="dimmed" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The customer's latest payment attempts, with the reason any of them failed, and the money given back. */
export function PaymentsSection({ payments, refunds }: { payments: PaymentRow[]; refunds: RefundRow[] }) {
  return (
    <Section id="payments-title" title="Recent payments">
      {payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          No payments yet.
        </Text>
      ) : (
        <PaymentsTable payments={payments} />
      )}
      {refunds.length > 0 && (
        <Stack gap="xs" mt="md">
          <Title order={5} id="refunds-title">
            Refunds
          </Title>
          <RefundsTable refunds={refunds} />
        </Stack>
      )}
    </Section>
  );
}
