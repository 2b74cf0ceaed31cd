import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { RecoveryPolicy } from '../../../shared/billing/recovery-schema';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { useCan } from '../../shell/session';
import { policyFromForm, scheduleText, validatePolicyForm, type PolicyFormValues } from './policy-form';
import { useRecoveryMutations } from './use-recovery';

/** The tenant's retry schedule, grace period and final action; read-only without recovery.manage. */
export function PolicyForm({ policy }: { policy: RecoveryPolicy }) {
  const canManage = useCan('recovery.manage');
  const { updatePolicy } = useRecoveryMutations();
  const form = useForm<PolicyFormValues>({
    mode: 'controlled',
    initialValues: policy,
    validate: validatePolicyForm,
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues(policy);
    resetDirty(policy);
    // The saved policy changed (saved here or elsewhere): show it.
  }, [policy, setValues, resetDirty]);

  const submit = form.onSubmit(async (values) => {
    try {
      await updatePolicy.mutateAsync(policyFromForm(values));
      notifySuccess('Recovery policy saved', 'It applies from the next failed payment.');
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="recovery-policy">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={4} id="recovery-policy">
            Policy
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label="First retry after (hours)"
              min={1}
              max={720}
              allowDecimal={false}
              disabled={!canManage}
              {...form.getInputProps('retryBaseHours')}
            />
            <NumberInput
              label="Backoff factor"
              description="Each wait is the previous one times this"
              min={1}
              max={10}
              step={0.5}
              decimalScale={2}
              disabled={!canManage}
              {...form.getInputProps('backoffFactor')}
            />
            <NumberInput
              label="Maximum attempts"
              description="Charges in all, the first included"
              min={1}
              max={10}
              allowDecimal={false}
              disabled={!canManage}
              {...form.getInputProps('maxAttempts')}
            />
            <NumberInput
              label="Grace period (days)"
              description="A past-due customer keeps access this long"
              min={0}
              max={90}
              allowDecimal={false}
              disabled={!canManage}
              {...form.getInputProps('graceDays')}
            />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="final-action-label">
              When every attempt fails
            </Text>
            <SegmentedControl
              aria-labelledby="final-action-label"
              disabled={!canManage}
              data={[
                { value: 'cancel', label: 'Cancel the subscription' },
                { value: 'unpaid', label: 'Mark it unpaid' },
              ]}
              {...form.getInputProps('finalAction')}
            />
          </Stack>
          <Text size="sm" c="dimmed" aria-live="polite">
            {scheduleText(form.values)}
          </Text>
          {form.errors._ && (
            <Text size="sm" c="red" role="alert">
              {form.errors._}
            </Text>
          )}
          {canManage && (
            <Group justify="flex-end">
              <Button type="submit" loading={updatePolicy.isPending} disabled={!form.isDirty()}>
                Save policy
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
