import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { MoneyText } from '../../ui/MoneyText';
import { SubscriptionStatusBadge } from '../subscriptions';
import { GuardedButton } from './GuardedButton';
import { SubscriptionLink } from './links';
import { Section } from './Section';
import { SubscribeDialog } from './SubscribeDialog';
import { periodNote } from './subscription-text';
import type { CustomerBilling } from './types';

interface SubscriptionsSectionProps {
  billing: CustomerBilling;
  canWrite: boolean;
  blockedReason: string | null;
}

/** The customer's subscriptions, each linking to its own page, and the way to start one. */
export function SubscriptionsSection({ billing, canWrite, blockedReason }: SubscriptionsSectionProps) {
  const [subscribing, dialog] = useDisclosure(false);
  const { subscriptions } = billing;
  return (
    <Section
      id="subscriptions-title"
      title="Subscriptions"
      actions={
        canWrite && (
          <GuardedButton
            size="xs"
            leftSection={<IconPlus size={14} stroke={2} />}
            onClick={dialog.open}
            blockedReason={blockedReason}
          >
            Subscribe
          </GuardedButton>
        )
      }
    >
      {subscriptions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No subscriptions. The customer gets the workspace's default plan, if there is one.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="sm" aria-labelledby="subscriptions-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Current period</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subscriptions.map((s) => (
                <Table.Tr key={s.id} opacity={s.status === 'canceled' ? 0.65 : 1}>
                  <Table.Td>
                    <SubscriptionLink id={s.id} fw={600}>
                      {s.planName}
                    </SubscriptionLink>
                    {s.quantity > 1 && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        × {s.quantity}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <SubscriptionStatusBadge status={s.status} />
                      {s.cancelAtPeriodEnd && s.status !== 'canceled' && (
                        <Badge color="orange" variant="outline" size="xs">
                          Cancels at period end
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <MoneyText
                        amount={s.unitAmount * s.quantity}
                        currency={s.currency}
                        size="sm"
                        fw={600}
                      />
                      <Text span size="sm" c="dimmed">
                        / {s.interval}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {periodNote(s)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SubscribeDialog billing={billing} opened={subscribing} onClose={dialog.close} />
    </Section>
  );
}
