import { Button, Paper, Table, Text, Title } from '@mantine/core';
import { IconReceiptRefund } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { useCan } from '../../shell/session';
import { MoneyText } from '../../ui/MoneyText';
import { WithPending } from '../../ui/PendingBadge';
import { plainTable } from '../../ui/plain-table';
import { PaymentStatusBadge } from '../payments';
import { RefundDialog } from './RefundDialog';
import type { InvoicePending } from './pending';
import type { InvoiceDetail, InvoicePayment } from './types';

const formatTime = (ms: number) => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(ms);

/** Every attempt to collect the invoice; a succeeded one with money left can be refunded. */
export function InvoicePayments({ detail, waiting }: { detail: InvoiceDetail; waiting?: InvoicePending }) {
  const canRefund = useCan('payments.refund');
  const [refunding, setRefunding] = useState<InvoicePayment | null>(null);
  const { payments, invoice } = detail;

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="payments-title">
      <Title order={4} id="payments-title" mb="sm">
        Payments
      </Title>
      {payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          No payment attempts yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table {...plainTable} aria-label="Payments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Method</Table.Th>
                <Table.Th ta="right">Attempt</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th ta="right">Refunded</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payments.map((payment) => (
                <Table.Tr key={payment.id}>
                  <Table.Td>
                    <Text size="sm">{formatDate(payment.createdAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {formatTime(payment.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <PaymentStatusBadge status={payment.status} />
                    {payment.failureMessage && (
                      <Text size="xs" c="red" maw={240} style={{ whiteSpace: 'normal' }}>
                        {payment.failureMessage}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{payment.method ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    <Text size="sm">#{payment.attemptNumber}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <MoneyText amount={payment.amount} currency={payment.currency} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <WithPending labels={waiting?.paymentRefunds.get(payment.id) ?? []} justify="flex-end">
                      <MoneyText
                        amount={payment.amountRefunded}
                        currency={payment.currency}
                        size="sm"
                        c="dimmed"
                      />
                    </WithPending>
                  </Table.Td>
                  <Table.Td ta="right">
                    {canRefund && payment.refundable > 0 && (
                      <Button
                        size="compact-sm"
                        variant="default"
                        leftSection={<IconReceiptRefund size={14} stroke={1.75} />}
                        onClick={() => setRefunding(payment)}
                      >
                        Refund
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {refunding && (
        <RefundDialog
          payment={refunding}
          waitingRefunds={waiting?.paymentRefunds.get(refunding.id)?.length ?? 0}
          invoiceNumber={invoice.number ?? 'this invoice'}
          onClose={() => setRefunding(null)}
        />
      )}
    </Paper>
  );
}
