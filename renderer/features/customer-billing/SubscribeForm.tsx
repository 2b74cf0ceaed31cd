import { Alert, NumberInput, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { formErrorsOf } from '../../lib/errors';
import { useNow } from '../../lib/use-now';
import { ModalForm } from '../../ui/FormModal';
import { cardText } from '../../../shared/card-brands';
import { describeStart } from './start-outcome';
import { priceOptionLabel, startSummary, trialDaysHint, type SubscribablePlan } from './subscribe-options';
import {
  chosenPrice,
  initialSubscribeValues,
  NO_CARD,
  subscribeInput,
  validateSubscribe,
  type SubscribeValues,
} from './subscribe-values';
import type { CustomerBilling } from './types';
import { useCustomerBillingMutations } from './use-customer-billing';

const TONE_COLOR = { success: 'teal', warning: 'orange', error: 'red' } as const;

/**
 * Plan, then price (bringing its trial), quantity, trial, card and what happens if the trial
 * ends without one. After the start, a notification says how it went (trialing, active, or
 * the first payment's failure) and the subscription's page opens.
 */
export function SubscribeForm({
  billing,
  options,
  onClose,
}: {
  billing: CustomerBilling;
  options: SubscribablePlan[];
  onClose: () => void;
}) {
  const { subscribe } = useCustomerBillingMutations();
  const navigate = useNavigate();
  const now = useNow();
  const defaultCard = billing.paymentMethods.find((card) => card.isDefault) ?? null;
  const form = useForm<SubscribeValues>({
    mode: 'controlled',
    initialValues: initialSubscribeValues(defaultCard?.id ?? null),
    validate: (values) => validateSubscribe(options, values),
  });
  const values = form.getValues();
  const plan = options.find((o) => o.plan.id === values.planId);
  const price = chosenPrice(options, values);

  // Choosing a price brings its own trial, which staff may then shorten or lengthen.
  const choosePrice = (priceId: string | null, within = plan) => {
    const next = within?.prices.find((p) => p.id === priceId);
    form.setValues({ priceId: next?.id ?? null, trialDays: next?.trialDays ?? 0 });
  };
  const choosePlan = (planId: string | null) => {
    const next = options.find((o) => o.plan.id === planId);
    form.setFieldValue('planId', planId);
    choosePrice(next?.prices[0]?.id ?? null, next);
  };

  const submit = form.onSubmit(async (submitted) => {
    try {
      const result = await subscribe.mutateAsync(subscribeInput(billing.customer.id, submitted));
      const outcome = describeStart(result);
      notifications.show({
        title: outcome.title,
        message: outcome.message,
        color: TONE_COLOR[outcome.tone],
        autoClose: 8000,
      });
      onClose();
      void navigate({ to: '/subscriptions/$id', params: { id: result.subscription.id } });
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });

  const cards = [
    ...billing.paymentMethods.map((card) => ({
      value: card.id,
      label: `${cardText(card.brand, card.last4)}${card.isDefault ? ' (default)' : ''}`,
    })),
    { value: NO_CARD, label: 'No card' },
  ];
  const trialDays = Number(values.trialDays) || 0;
  const chosenCard = billing.paymentMethods.find((card) => card.id === values.paymentMethodId);
  const card = chosenCard ? cardText(chosenCard.brand, chosenCard.last4) : null;

  return (
    <ModalForm
      onSubmit={submit}
      onCancel={onClose}
      submitLabel="Start subscription"
      submitting={subscribe.isPending}
      error={form.errors._}
    >
      <Select
        label="Plan"
        placeholder="Choose a plan"
        data={options.map((o) => ({ value: o.plan.id, label: o.plan.name }))}
        withAsterisk
        allowDeselect={false}
        data-autofocus
        {...form.getInputProps('planId')}
        onChange={choosePlan}
      />
      {plan && (
        <Radio.Group
          label="Price"
          withAsterisk
          {...form.getInputProps('priceId')}
          onChange={(id) => choosePrice(id)}
        >
          <Stack gap="xs" mt={6}>
            {plan.prices.map((p) => (
              <Radio key={p.id} value={p.id} label={priceOptionLabel(p)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <SimpleGrid cols={2} spacing="md">
        <NumberInput
          label="Quantity"
          description="Seats"
          min={1}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('quantity')}
        />
        <NumberInput
          label="Trial days"
          description={trialDaysHint(card)}
          min={0}
          max={730}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('trialDays')}
        />
      </SimpleGrid>
      <Select
        label="Payment method"
        data={cards}
        allowDeselect={false}
        {...form.getInputProps('paymentMethodId')}
      />
      {trialDays > 0 && !card && (
        <Radio.Group label="When the trial ends without a card" {...form.getInputProps('trialEndBehavior')}>
          <Stack gap="xs" mt={6}>
            <Radio value="cancel" label="Cancel the subscription" />
            <Radio value="incomplete" label="Keep it incomplete until a card is added" />
          </Stack>
        </Radio.Group>
      )}
      {price && (
        <Alert color="brand" variant="light" p="sm">
          <Text size="sm">
            {startSummary(
              price,
              Number(values.quantity) || 1,
              { trialDays, card, trialEndBehavior: values.trialEndBehavior },
              now,
            )}
          </Text>
        </Alert>
      )}
    </ModalForm>
  );
}
