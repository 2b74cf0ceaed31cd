import { Group, Stack, Text } from '@mantine/core';
import { DateText } from '../../ui/DateText';
import { MoneyText } from '../../ui/MoneyText';
import { Section } from './Section';
import type { CustomerBilling } from './types';

const RECENT = 5;

/**
 * Credit the customer holds, per currency, which pays their next invoices before any card
 * is charged; and the latest movements of it (credits in, amounts applied out).
 */
export function BalanceSection({
  balances,
  log,
}: {
  balances: CustomerBilling['balances'];
  log: CustomerBilling['balanceLog'];
}) {
  const held = balances.filter((b) => b.amount !== 0);
  return (
    <Section id="balance-title" title="Credit balance">
      {held.length === 0 ? (
        <Text size="sm" c="dimmed">
          No credit. Unused time credited on a cancellation or a downgrade shows here and pays the next
          invoices first.
        </Text>
      ) : (
        <Group gap="xl">
          {held.map((b) => (
            <Stack key={b.currency} gap={0}>
              <MoneyText amount={b.amount} currency={b.currency} fz={22} fw={650} />
              <Text size="xs" c="dimmed">
                {b.currency} credit
              </Text>
            </Stack>
          ))}
        </Group>
      )}
      {log.length > 0 && (
        <Stack
          gap={6}
          mt="md"
          component="ul"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-label="Recent balance changes"
        >
          {log.slice(0, RECENT).map((entry) => (
            <Group key={entry.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" truncate>
                  {entry.description}
                </Text>
                <DateText ms={entry.createdAt} size="xs" c="dimmed" />
              </Stack>
              <MoneyText
                amount={entry.amount}
                currency={entry.currency}
                size="sm"
                fw={600}
                c={entry.amount > 0 ? 'teal' : undefined}
              />
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}
