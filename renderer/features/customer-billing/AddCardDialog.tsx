import { Anchor, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { addPaymentMethodInput } from '../../../shared/billing/schema';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { FormModal } from '../../ui/FormModal';
import { cardText } from '../../../shared/card-brands';
import { SANDBOX_TEST_CARDS } from './card-text';
import { useCustomerBillingMutations, useGateway } from './use-customer-billing';

interface AddCardDialogProps {
  customerId: string;
  /** The customer's first card becomes their default whatever the box says. */
  hasCards: boolean;
  opened: boolean;
  onClose: () => void;
}

function TestCards({ onPick }: { onPick: (number: string) => void }) {
  return (
    <Stack gap={4} role="group" aria-label="Sandbox test cards">
      <Text size="xs" fw={600} c="dimmed">
        Sandbox test cards — no real card is charged
      </Text>
      {SANDBOX_TEST_CARDS.map((card) => (
        <Group key={card.number} gap="xs" wrap="nowrap">
          <Anchor
            component="button"
            type="button"
            size="xs"
            ff="monospace"
            onClick={() => onPick(card.number)}
          >
            {card.number}
          </Anchor>
          <Text size="xs" c="dimmed">
            {card.behaviour}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * Saves a card through the gateway: a test card number in sandbox mode, a Stripe
 * PaymentMethod id (pm_…) otherwise, since card numbers must never reach Tollgate there.
 */
export function AddCardDialog({ customerId, hasCards, opened, onClose }: AddCardDialogProps) {
  const gateway = useGateway();
  const { addCard } = useCustomerBillingMutations();
  const sandbox = gateway.data?.name !== 'stripe';
  const form = useForm({
    mode: 'controlled',
    initialValues: { source: '', makeDefault: false },
    validate: {
      source: (value) =>
        addPaymentMethodInput.shape.source.safeParse(value).success ? null : 'Enter a card',
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    try {
      const card = await addCard.mutateAsync({ customerId, ...values });
      notifySuccess(
        'Card added',
        `${cardText(card.brand, card.last4)}${card.isDefault ? ' is the default card' : ' was saved'}.`,
      );
      close();
    } catch (error) {
      // A decline arrives as a field error on `source`, so it shows under the number typed.
      form.setErrors(formErrorsOf(error));
    }
  });

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="Add a card"
      onSubmit={submit}
      submitLabel="Add card"
      submitting={addCard.isPending}
      error={form.errors._}
    >
      <TextInput
        label={sandbox ? 'Card number' : 'PaymentMethod id'}
        placeholder={sandbox ? '4242 4242 4242 4242' : 'pm_…'}
        inputMode={sandbox ? 'numeric' : 'text'}
        autoComplete="off"
        styles={sandbox ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined}
        withAsterisk
        data-autofocus
        description={
          sandbox
            ? undefined
            : 'Create the PaymentMethod with Stripe (Elements or the Dashboard) and paste its id; card numbers never reach Tollgate.'
        }
        {...form.getInputProps('source')}
      />
      {sandbox && <TestCards onPick={(number) => form.setFieldValue('source', number)} />}
      {hasCards && (
        <Checkbox
          label="Make this the default card"
          {...form.getInputProps('makeDefault', { type: 'checkbox' })}
        />
      )}
    </FormModal>
  );
}
