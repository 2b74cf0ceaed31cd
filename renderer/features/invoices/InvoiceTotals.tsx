import { Box, Divider, Group, Text } from '@mantine/core';
import { MoneyText } from '../../ui/MoneyText';
import { WithPending } from '../../ui/PendingBadge';
import type { InvoicePending } from './pending';
import { amountStillDue } from './amounts';
import type { Invoice } from './types';

function Row({
  label,
  amount,
  currency,
  strong = false,
  pending = [],
}: {
  label: string;
  amount: number;
  currency: string;
  strong?: boolean;
  /** Commands made here that this amount already counts, not yet confirmed by the server. */
  pending?: string[];
}) {
  return (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 650 : undefined}>
        {label}
      </Text>
      <WithPending labels={pending}>
        <MoneyText amount={amount} currency={currency} size="sm" fw={strong ? 650 : undefined} />
      </WithPending>
    </Group>
  );
}

/**
 * The invoice's sums under its lines, as a receipt lists them; money going back is negative.
 * An amount that counts a change made here and not yet confirmed carries a Pending badge.
 */
export function InvoiceTotals({ invoice, waiting }: { invoice: Invoice; waiting?: InvoicePending }) {
  const { currency } = invoice;
  return (
    <Box ml="auto" w={{ base: '100%', sm: 320 }} mt="md" aria-label="Totals" role="group">
      <Row label="Subtotal" amount={invoice.subtotal} currency={currency} />
      <Row label="Total" amount={invoice.total} currency={currency} />
      {invoice.creditApplied > 0 && (
        <Row label="Credit applied from balance" amount={-invoice.creditApplied} currency={currency} />
      )}
      <Row label="Paid" amount={invoice.amountPaid} currency={currency} pending={waiting?.charges} />
      {invoice.amountRefunded > 0 && (
        <Row
          label="Refunded"
          amount={-invoice.amountRefunded}
          currency={currency}
          pending={waiting?.refunded}
        />
      )}
      <Divider my={8} />
      <Row
        label="Amount due"
        amount={amountStillDue(invoice)}
        currency={currency}
        strong
        pending={waiting?.charges}
      />
    </Box>
  );
}
