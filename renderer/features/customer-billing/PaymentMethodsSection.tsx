import { Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { AddCardDialog } from './AddCardDialog';
import { CardRow } from './CardRow';
import { GuardedButton } from './GuardedButton';
import { Section } from './Section';
import type { SavedCard } from './types';

interface PaymentMethodsSectionProps {
  customerId: string;
  cards: SavedCard[];
  canWrite: boolean;
  blockedReason: string | null;
}

/** The customer's saved cards; the default one is what subscriptions charge unless told otherwise. */
export function PaymentMethodsSection({
  customerId,
  cards,
  canWrite,
  blockedReason,
}: PaymentMethodsSectionProps) {
  const [adding, dialog] = useDisclosure(false);
  return (
    <Section
      id="payment-methods-title"
      title="Payment methods"
      actions={
        canWrite && (
          <GuardedButton
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} stroke={2} />}
            onClick={dialog.open}
            blockedReason={blockedReason}
          >
            Add card
          </GuardedButton>
        )
      }
    >
      {cards.length === 0 ? (
        <Text size="sm" c="dimmed">
          No cards saved. Paid subscriptions without a trial need one.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Saved cards">
          {cards.map((card) => (
            <CardRow
              key={card.id}
              card={card}
              canRemove={canWrite}
              canMakeDefault={canWrite && !blockedReason}
            />
          ))}
        </Stack>
      )}
      <AddCardDialog
        customerId={customerId}
        hasCards={cards.length > 0}
        opened={adding}
        onClose={dialog.close}
      />
    </Section>
  );
}
