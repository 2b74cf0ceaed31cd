import { Button, Checkbox, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import type { SubscriptionDetail } from './types';
import { useSubscriptionMutations } from './use-subscription-mutations';

type When = 'now' | 'period_end';

interface CancelDialogProps {
  detail: SubscriptionDetail;
  opened: boolean;
  onClose: () => void;
}

/** Cancel at the period's end (undoable) or now (optionally crediting unused time); each choice says what follows. */
export function CancelDialog({ detail, opened, onClose }: CancelDialogProps) {
  const { subscription: s, customer, actions } = detail;
  const canAtEnd = actions.includes('cancel_at_period_end');
  const canNow = actions.includes('cancel_now');
  const { cancel } = useSubscriptionMutations();
  const [picked, setPicked] = useState<When | null>(null);
  // A choice the subscription no longer allows (its status moved) falls back to what it does.
  const when: When =
    picked === 'now' && canNow
      ? 'now'
      : picked === 'period_end' && canAtEnd
        ? 'period_end'
        : canAtEnd
          ? 'period_end'
          : 'now';
  const [prorate, setProrate] = useState(false);
  const end = formatDate(s.currentPeriodEnd);
  // Only a paid, running period has unused time to give back.
  const canCredit = s.status === 'active';

  const submit = () =>
    cancel.mutate(
      { id: s.id, when, prorate: when === 'now' && canCredit && prorate },
      {
        onSuccess: () => {
          if (s.managedBy === 'stripe') {
            notifySuccess('Sent to Stripe', 'The cancellation shows here once Stripe confirms it.');
            onClose();
            return;
          }
          notifySuccess(
            when === 'now' ? 'Subscription canceled' : 'Cancellation scheduled',
            when === 'now'
              ? `${customer.name}’s access ended now.`
              : `${customer.name} keeps access until ${end}; you can undo this before then.`,
          );
          onClose();
        },
        onError: (error) => notifyError(error, 'Could not cancel'),
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title={`Cancel ${customer.name}’s subscription?`} size="md">
      <Stack gap="md">
        <Radio.Group label="When" value={when} onChange={(value) => setPicked(value as When)}>
          <Stack gap="sm" mt={6}>
            {canAtEnd && (
              <Radio
                value="period_end"
                label={`At the end of the period (${end})`}
                description="Access continues until then and nothing more is billed. You can undo it before that date."
              />
            )}
            {canNow && (
              <Radio
                value="now"
                label="Immediately"
                description="Access ends now and no further invoices are issued. Nothing is refunded unless you credit the unused time."
              />
            )}
          </Stack>
        </Radio.Group>
        {when === 'now' && canCredit && (
          <Checkbox
            label="Credit unused time to balance"
            description="The unpaid-for rest of this period goes to the customer’s credit balance, which pays their next invoices."
            checked={prorate}
            onChange={(event) => setProrate(event.currentTarget.checked)}
          />
        )}
        <Text size="sm" c="dimmed">
          A canceled subscription cannot be restarted; subscribe the customer again instead.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Keep subscription
          </Button>
          <Button color="red" onClick={submit} loading={cancel.isPending}>
            {when === 'now' ? 'Cancel now' : 'Cancel at period end'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
