import { NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { PlanWithPrices } from '../../../shared/catalog/types';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { FormDialog, ModalForm, useLastShown } from '../../ui/FormModal';
import { priceLabel } from './feature-text';
import {
  currencyOptions,
  priceCreateFrom,
  priceFormDefaults,
  validatePriceForm,
  type PriceFormValues,
} from './price-form';
import { useCreatePrice } from './use-catalog';

/**
 * The amount is typed as a decimal ("9.99") and converted to minor units of the chosen
 * currency by the shared money rules, never through a float.
 */
function PriceForm({ plan, onClose }: { plan: PlanWithPrices; onClose: () => void }) {
  const createPrice = useCreatePrice();
  const form = useForm<PriceFormValues>({
    mode: 'controlled',
    initialValues: priceFormDefaults(plan),
    validate: validatePriceForm,
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const price = await createPrice.mutateAsync(priceCreateFrom(plan.id, values));
      notifySuccess('Price added', `${plan.name} can now be bought at ${priceLabel(price)}.`);
      onClose();
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });

  return (
    <ModalForm
      onCancel={onClose}
      onSubmit={submit}
      submitLabel="Add price"
      submitting={createPrice.isPending}
      error={form.errors._}
    >
      <SimpleGrid cols={2} spacing="md">
        <TextInput
          label="Amount"
          placeholder="9.99"
          inputMode="decimal"
          withAsterisk
          data-autofocus
          {...form.getInputProps('amount')}
        />
        <Select
          label="Currency"
          data={currencyOptions()}
          searchable
          withAsterisk
          allowDeselect={false}
          nothingFoundMessage="No such currency"
          comboboxProps={{ width: 280, position: 'bottom-end' }}
          {...form.getInputProps('currency')}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="price-interval-label">
          Billed every
        </Text>
        <SegmentedControl
          aria-labelledby="price-interval-label"
          data={[
            { value: 'month', label: 'Month' },
            { value: 'year', label: 'Year' },
          ]}
          {...form.getInputProps('interval')}
        />
      </Stack>
      <NumberInput
        label="Trial days"
        description="Days free before the first charge; 0 charges at once."
        min={0}
        max={730}
        allowDecimal={false}
        allowNegative={false}
        {...form.getInputProps('trialDays')}
      />
      <Text size="xs" c="dimmed">
        Prices never change once made. Subscribers stay on their price; to charge a different amount, add a
        new price and archive the old one.
      </Text>
    </ModalForm>
  );
}

/** Adds a price to a plan; each opening starts from the plan's usual currency and trial. */
export function PriceFormModal({ plan, onClose }: { plan: PlanWithPrices | null; onClose: () => void }) {
  const shown = useLastShown(plan);
  return (
    <FormDialog opened={plan !== null} onClose={onClose} title={`Add a price to ${shown?.name ?? ''}`}>
      {shown && <PriceForm key={shown.id} plan={shown} onClose={onClose} />}
    </FormDialog>
  );
}
