import { Anchor, Paper, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format';
import { type Field, FieldList } from '../../ui/FieldList';
import { periodText } from '../../lib/period-text';
import { BILLING_REASON_LABELS } from './status';
import type { InvoiceDetail } from './types';

const when = (label: string, ms: number | null): Field[] =>
  ms === null ? [] : [{ label, value: formatDateTime(ms) }];

/** Who the invoice is for, what for, and when each thing happened to it. */
export function InvoiceFacts({ detail }: { detail: InvoiceDetail }) {
  const { invoice, customer } = detail;
  const fields: Field[] = [
    {
      label: 'Customer',
      value: (
        <>
          <Anchor
            size="sm"
            renderRoot={(props) => <Link to="/customers/$id" params={{ id: customer.id }} {...props} />}
          >
            {customer.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {customer.email}
          </Text>
        </>
      ),
    },
    ...(invoice.subscriptionId
      ? [
          {
            label: 'Subscription',
            value: (
              <Anchor
                size="sm"
                renderRoot={(props) => (
                  <Link to="/subscriptions/$id" params={{ id: invoice.subscriptionId ?? '' }} {...props} />
                )}
              >
                View subscription
              </Anchor>
            ),
          },
        ]
      : []),
    { label: 'For', value: BILLING_REASON_LABELS[invoice.billingReason] ?? invoice.billingReason },
    ...(invoice.periodStart !== null && invoice.periodEnd !== null
      ? [{ label: 'Period', value: periodText(invoice.periodStart, invoice.periodEnd) }]
      : []),
    ...when('Issued', invoice.finalizedAt),
    ...when('Paid', invoice.paidAt),
    ...when('Voided', invoice.voidedAt),
    ...when('Written off', invoice.uncollectibleAt),
    ...(invoice.attemptCount > 0 ? [{ label: 'Attempts', value: String(invoice.attemptCount) }] : []),
    ...when('Next retry', invoice.nextAttemptAt),
    {
      label: 'ID',
      value: (
        <Text span size="xs" ff="monospace" c="dimmed">
          {invoice.id}
        </Text>
      ),
    },
  ];
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="invoice-facts-title">
      <Title order={4} id="invoice-facts-title" mb="md">
        Details
      </Title>
      <FieldList fields={fields} />
    </Paper>
  );
}
