import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatDate, formatDateTime } from '../../lib/format';
import { type Field, FieldList } from '../../ui/FieldList';
import { MoneyText } from '../../ui/MoneyText';
import { periodText } from '../../lib/period-text';
import { PaymentMethodText } from './PaymentMethodText';
import { perInterval, planWithQuantity, recurringText } from './price-text';
import { TestClockFact } from './TestClockFact';
import type { SubscriptionDetail } from './types';

const dimmed = (text: string) => (
  <Text span size="sm" c="dimmed">
    {text}
  </Text>
);

function Amount({ detail }: { detail: SubscriptionDetail }) {
  const { subscription: s, price } = detail;
  if (!price) return dimmed('Price unavailable');
  return (
    <Group gap={6} wrap="nowrap">
      <MoneyText amount={price.amount * s.quantity} currency={s.currency} size="sm" fw={600} />
      <Text size="sm" c="dimmed">
        {perInterval(price.interval)}
        {s.quantity > 1 && ` · ${s.quantity} × ${recurringText(price.amount, s.currency, price.interval)}`}
      </Text>
    </Group>
  );
}

/** Only the facts that apply now: a trial, a pending change, a cancellation, a pause. */
function situationalFields(detail: SubscriptionDetail): Field[] {
  const { subscription: s, pendingPrice } = detail;
  const fields: Field[] = [];
  if (s.trialEnd !== null) {
    const ended = s.status !== 'trialing';
    fields.push({ label: ended ? 'Trial ended' : 'Trial ends', value: formatDateTime(s.trialEnd) });
  }
  if (pendingPrice) {
    const quantity = s.pendingQuantity ?? s.quantity;
    fields.push({
      label: 'Pending change',
      value: `Switches to ${planWithQuantity(pendingPrice.planName, quantity)} (${recurringText(
        pendingPrice.amount * quantity,
        pendingPrice.currency,
        pendingPrice.interval,
      )}) on ${formatDate(s.currentPeriodEnd)}`,
    });
  }
  if (s.cancelAtPeriodEnd) {
    fields.push({
      label: 'Cancels',
      value: `On ${formatDateTime(s.currentPeriodEnd)}, at the end of this period`,
    });
  } else if (s.endedAt !== null) {
    fields.push({ label: 'Ended', value: formatDateTime(s.endedAt) });
  }
  if (s.pausedAt !== null) {
    fields.push({
      label: 'Paused',
      value: `Since ${formatDateTime(s.pausedAt)} · ${
        s.resumeAt !== null ? `resumes ${formatDateTime(s.resumeAt)}` : 'until someone resumes it'
      }`,
    });
  }
  return fields;
}

export function SubscriptionFacts({ detail }: { detail: SubscriptionDetail }) {
  const { subscription: s, customer, price } = detail;
  const fields: Field[] = [
    {
      label: 'Customer',
      value: (
        <Anchor
          size="sm"
          renderRoot={(props) => <Link to="/customers/$id" params={{ id: customer.id }} {...props} />}
        >
          {customer.name}
        </Anchor>
      ),
    },
    { label: 'Plan', value: price ? price.planName : dimmed('Unavailable') },
    { label: 'Amount', value: <Amount detail={detail} /> },
    {
      label: 'Quantity',
      value: (
        <Text size="sm" className="tabular">
          {s.quantity}
        </Text>
      ),
    },
    { label: 'Current period', value: periodText(s.currentPeriodStart, s.currentPeriodEnd) },
    ...situationalFields(detail),
    {
      label: 'Payment method',
      value: <PaymentMethodText customerId={customer.id} methodId={s.paymentMethodId} />,
    },
    ...(customer.testClock ? [{ label: 'Test clock', value: <TestClockFact detail={detail} /> }] : []),
    ...(s.managedBy === 'stripe' ? [{ label: 'Managed by', value: 'Stripe: change it there' }] : []),
    { label: 'Created', value: formatDateTime(s.createdAt) },
    {
      label: 'ID',
      value: (
        <Text span size="xs" ff="monospace" c="dimmed">
          {s.id}
        </Text>
      ),
    },
  ];
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="facts-title">
      <Title order={4} id="facts-title" mb="md">
        Details
      </Title>
      <FieldList fields={fields} />
    </Paper>
  );
}
