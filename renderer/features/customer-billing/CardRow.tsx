import { ActionIcon, Badge, Group, Menu, Text, ThemeIcon } from '@mantine/core';
import { IconCreditCard, IconDots, IconStar, IconTrash } from '@tabler/icons-react';
import { notifyError, notifySuccess } from '../../lib/notify';
import { confirmAction } from '../../ui/confirm';
import { cardText } from '../../../shared/card-brands';
import { expiryText, isExpired } from './card-text';
import type { SavedCard } from './types';
import { useCustomerBillingMutations } from './use-customer-billing';

function CardMenu({
  card,
  label,
  canMakeDefault,
}: {
  card: SavedCard;
  label: string;
  canMakeDefault: boolean;
}) {
  const { makeDefault, removeCard } = useCustomerBillingMutations();
  const confirmRemove = () =>
    confirmAction({
      title: `Remove ${label}?`,
      body: (
        <>
          The card is detached from the customer at the payment gateway and can no longer be charged.
          Subscriptions that pay with it fall back to the customer's default card
          {card.isDefault ? '; as this is the default, the customer has none until another is chosen' : ''}.
        </>
      ),
      confirmLabel: 'Remove card',
      destructive: true,
      onConfirm: () =>
        removeCard.mutate(
          { id: card.id },
          {
            onSuccess: () => notifySuccess('Card removed', `${label} was removed.`),
            onError: (error) => notifyError(error, 'Could not remove the card'),
          },
        ),
    });
  const setDefault = () =>
    makeDefault.mutate(
      { id: card.id },
      {
        onSuccess: () => notifySuccess('Default card changed', `${label} is now the default card.`),
        onError: (error) => notifyError(error, 'Could not change the default card'),
      },
    );
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Actions for ${label}`}
          loading={makeDefault.isPending || removeCard.isPending}
        >
          <IconDots size={18} stroke={1.75} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {!card.isDefault && canMakeDefault && (
          <Menu.Item leftSection={<IconStar size={16} stroke={1.75} />} onClick={setDefault}>
            Make default
          </Menu.Item>
        )}
        <Menu.Item color="red" leftSection={<IconTrash size={16} stroke={1.75} />} onClick={confirmRemove}>
          Remove
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface CardRowProps {
  card: SavedCard;
  /** Removing is offered even for an archived customer, whose cards should not linger at the gateway. */
  canRemove: boolean;
  canMakeDefault: boolean;
}

/** A saved card: brand and last four, expiry (flagged once past), default badge, and its actions. */
export function CardRow({ card, canRemove, canMakeDefault }: CardRowProps) {
  const label = cardText(card.brand, card.last4);
  const expired = isExpired(card, new Date());
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="sm" aria-label={label}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" color="gray" size={36} radius="md" aria-hidden>
          <IconCreditCard size={20} stroke={1.5} />
        </ThemeIcon>
        <div>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {label}
            </Text>
            {card.isDefault && <Badge size="sm">Default</Badge>}
          </Group>
          <Text size="xs" c={expired ? 'red' : 'dimmed'}>
            {expired ? 'Expired' : 'Expires'} {expiryText(card)}
          </Text>
        </div>
      </Group>
      {canRemove && <CardMenu card={card} label={label} canMakeDefault={canMakeDefault} />}
    </Group>
  );
}
