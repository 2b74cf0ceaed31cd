import { SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { EXPIRATION_STRATEGIES, MACHINE_MODES, OVERAGE_STRATEGIES } from '../../../shared/licensing/policy';
import type { PolicyCreateInput } from '../../../shared/licensing/schema';
import { formErrorsOf } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { ModalForm } from '../../ui/FormModal';
import { policyInput, type PolicyFormValues } from './policy-form-values';
import { PolicyLimits } from './PolicyLimits';
import { EXPIRATION_TEXT, MACHINE_MODE_TEXT, OVERAGE_TEXT } from './policy-text';

const options = <T extends string>(values: readonly T[], text: Record<T, string>) =>
  values.map((value) => ({ value, label: text[value] }));

interface PolicyFormProps {
  initialValues: PolicyFormValues;
  /** An edit keeps the product: a policy of another product is a new policy. */
  editing: boolean;
  submitLabel: string;
  onSubmit: (input: PolicyCreateInput) => Promise<unknown>;
  onCancel: () => void;
}

/** Every field of a policy, checked by the shared schema on submit and again by the server. */
export function PolicyForm({ initialValues, editing, submitLabel, onSubmit, onCancel }: PolicyFormProps) {
  const trpc = useTRPC();
  const catalog = useQuery({ ...trpc.catalog.overview.queryOptions(), staleTime: 60_000 });
  const form = useForm<PolicyFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => {
      const reading = policyInput(values);
      return reading.ok ? {} : reading.errors;
    },
  });
  const values = form.getValues();
  const products = catalog.data?.products ?? [];
  const plans = products.find((p) => p.id === values.productId)?.plans ?? [];

  const submit = form.onSubmit(async (v) => {
    const reading = policyInput(v);
    if (!reading.ok) return;
    try {
      await onSubmit(reading.input);
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });

  return (
    <ModalForm
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel={submitLabel}
      submitting={form.submitting}
      error={typeof form.errors._ === 'string' ? form.errors._ : undefined}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Select
            label="Product"
            withAsterisk
            disabled={editing}
            data={products.map((p) => ({ value: p.id, label: p.name }))}
            nothingFoundMessage={catalog.isPending ? 'Loading products…' : 'No product'}
            {...form.getInputProps('productId')}
          />
          <Select
            label="Plan"
            placeholder="No plan"
            clearable
            data={plans.map((p) => ({ value: p.id, label: p.name }))}
            {...form.getInputProps('planId')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="policy-duration">
              Duration
            </Text>
            <SegmentedControl
              aria-labelledby="policy-duration"
              data={[
                { value: 'FIXED', label: 'Fixed days' },
                { value: 'SUBSCRIPTION', label: 'Follows subscription' },
              ]}
              {...form.getInputProps('durationKind')}
            />
          </Stack>
          {values.durationKind === 'FIXED' && (
            <TextInput
              label="Duration (days)"
              inputMode="numeric"
              withAsterisk
              {...form.getInputProps('durationDays')}
            />
          )}
          <Select
            label="Machines"
            allowDeselect={false}
            data={options(MACHINE_MODES, MACHINE_MODE_TEXT)}
            {...form.getInputProps('machineMode')}
          />
          {values.machineMode === 'FLOATING' && (
            <TextInput
              label="Max machines"
              placeholder="Unlimited"
              inputMode="numeric"
              {...form.getInputProps('maxMachines')}
            />
          )}
          <TextInput
            label="Max named users (seats)"
            placeholder="Unlimited"
            inputMode="numeric"
            {...form.getInputProps('maxUsers')}
          />
          <Select
            label="After expiry"
            allowDeselect={false}
            data={options(EXPIRATION_STRATEGIES, EXPIRATION_TEXT)}
            {...form.getInputProps('expirationStrategy')}
          />
          <Select
            label="Overage"
            allowDeselect={false}
            data={options(OVERAGE_STRATEGIES, OVERAGE_TEXT)}
            {...form.getInputProps('overageStrategy')}
          />
          <TextInput
            label="Check-in interval (seconds)"
            placeholder="No check-ins"
            inputMode="numeric"
            {...form.getInputProps('checkInIntervalSeconds')}
          />
          {values.machineMode !== 'NONE' && (
            <TextInput
              label="Heartbeat TTL (seconds)"
              placeholder="No heartbeat"
              inputMode="numeric"
              {...form.getInputProps('heartbeatTtlSeconds')}
            />
          )}
          <Select
            label="When the subscription stays unpaid"
            allowDeselect={false}
            data={[
              { value: 'OVERDUE', label: 'Report as overdue' },
              { value: 'SUSPEND', label: 'Suspend the license' },
            ]}
            {...form.getInputProps('pastDueAction')}
          />
        </SimpleGrid>
        <TagsInput
          label="Entitlements"
          description="Features every license of this policy has, like exports or sso"
          {...form.getInputProps('entitlements')}
        />
        <PolicyLimits form={form} />
      </Stack>
    </ModalForm>
  );
}
