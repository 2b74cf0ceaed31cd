import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { MoneyText } from '../../ui/MoneyText';
import { lineDescription } from '../invoices';
import { CHANGE_KIND_LABELS } from './change-plan';
import { planWithQuantity, recurringText } from './price-text';
import type { PlanChangePreview as Preview } from './types';

function TotalRow({
  label,
  amount,
  currency,
  strong,
}: {
  label: string;
  amount: number;
  currency: string;
  strong?: boolean;
}) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={strong ? 650 : undefined}>
          {label}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <MoneyText amount={amount} currency={currency} size="sm" fw={strong ? 650 : undefined} />
      </Table.Td>
    </Table.Tr>
  );
}

/** What a plan change would do, line by line, before anyone confirms it. */
export function PlanChangePreview({ preview }: { preview: Preview }) {
  const { from, to, currency } = preview;
  const side = (s: Preview['from']) =>
    `${planWithQuantity(s.planName, s.quantity)} (${recurringText(s.amount, currency, s.interval)})`;

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="nowrap" align="baseline">
        <Badge
          variant="light"
          color={preview.kind === 'downgrade' ? 'orange' : 'brand'}
          style={{ flexShrink: 0 }}
        >
          {CHANGE_KIND_LABELS[preview.kind]}
        </Badge>
        <Text size="sm">
          {side(from)} → <b>{side(to)}</b>
          {preview.timing === 'now' ? ', now.' : `, on ${formatDate(preview.effectiveAt)}.`}
        </Text>
      </Group>

      {preview.lines.length > 0 ? (
        <Table
          aria-label="Proration preview"
          verticalSpacing={6}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          <Table.Tbody>
            {preview.lines.map((line) => (
              <Table.Tr key={line.description}>
                <Table.Td>
                  <Text size="sm" c={line.amount < 0 ? 'dimmed' : undefined}>
                    {lineDescription(line.description)}
                  </Text>
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
            ))}
            <TotalRow label="Subtotal" amount={preview.subtotal} currency={currency} />
            {preview.creditApplied > 0 && (
              <TotalRow
                label="Credit applied from balance"
                amount={-preview.creditApplied}
                currency={currency}
              />
            )}
            <TotalRow label="Amount due now" amount={preview.amountDue} currency={currency} strong />
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {preview.kind === 'trial_change'
            ? 'The trial goes on and nothing is charged now; the new price is charged when the trial ends.'
            : `Nothing is charged now. From ${formatDate(preview.effectiveAt)} the subscription renews at the new price.`}
        </Text>
      )}

      <Text size="sm" c="dimmed">
        Next renewal {formatDate(preview.nextRenewalAt)} at {recurringText(to.amount, currency, to.interval)}.
        {preview.balanceAfter !== 0 && (
          <>
            {' '}
            Credit balance afterwards:{' '}
            <MoneyText amount={preview.balanceAfter} currency={currency} size="sm" />.
          </>
        )}
      </Text>
    </Stack>
  );
}
