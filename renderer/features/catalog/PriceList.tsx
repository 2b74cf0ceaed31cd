import { ActionIcon, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArchive } from '@tabler/icons-react';
import type { Price } from '../../../shared/catalog/types';
import { notifyError, notifySuccess } from '../../lib/notify';
import { MoneyText } from '../../ui/MoneyText';
import { confirmAction } from '../../ui/confirm';
import { priceLabel, sortPrices, trialText } from './feature-text';
import { useArchivePrice } from './use-catalog';

function ArchivePriceButton({ price, planName }: { price: Price; planName: string }) {
  const archivePrice = useArchivePrice();
  const label = priceLabel(price);
  const confirm = () =>
    confirmAction({
      title: `Archive ${label} (${price.currency}) on ${planName}?`,
      body:
        'Archived prices keep their subscribers: everyone on this price stays on it and is billed as before. ' +
        'New subscriptions can no longer choose it. A price cannot be changed or unarchived; to charge a ' +
        'different amount, add a new price.',
      confirmLabel: 'Archive price',
      destructive: true,
      onConfirm: () =>
        archivePrice.mutate(
          { id: price.id },
          {
            onSuccess: () => notifySuccess('Price archived', `${label} takes no new subscribers.`),
            onError: (error) => notifyError(error, 'Could not archive the price'),
          },
        ),
    });
  return (
    <Tooltip label="Archive price">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Archive price ${label} ${price.currency}`}
        loading={archivePrice.isPending}
        onClick={confirm}
      >
        <IconArchive size={16} stroke={1.75} />
      </ActionIcon>
    </Tooltip>
  );
}

/** A plan's prices: amount per interval, currency and trial; archived ones marked and dimmed. */
export function PriceList({
  prices,
  planName,
  canArchive,
}: {
  prices: Price[];
  planName: string;
  canArchive: boolean;
}) {
  if (prices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No prices yet: customers cannot subscribe to this plan.
      </Text>
    );
  }
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={`${planName} prices`}>
      {sortPrices(prices).map((price) => {
        const archived = price.status === 'archived';
        const trial = trialText(price.trialDays);
        return (
          <Group
            key={price.id}
            component="li"
            justify="space-between"
            wrap="nowrap"
            gap="xs"
            opacity={archived ? 0.6 : 1}
            mih={28}
          >
            <Group gap={6} wrap="nowrap">
              <MoneyText amount={price.amount} currency={price.currency} size="sm" fw={650} />
              <Text size="sm" c="dimmed">
                / {price.interval}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {price.currency}
              </Text>
            </Group>
            <Group gap={6} wrap="nowrap">
              {trial && (
                <Badge color="blue" size="sm" tt="none">
                  {trial}
                </Badge>
              )}
              {archived && (
                <Badge color="gray" size="sm">
                  Archived
                </Badge>
              )}
              {canArchive && !archived && <ArchivePriceButton price={price} planName={planName} />}
            </Group>
          </Group>
        );
      })}
    </Stack>
  );
}
