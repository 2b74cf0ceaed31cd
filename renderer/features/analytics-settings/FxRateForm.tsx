import { Button, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { fxRateInput } from '../../../shared/analytics/settings-schema';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { useAnalyticsSettingsMutations } from './use-analytics-settings';

interface RateValues {
  day: string;
  base: string;
  quote: string;
  rate: string;
}

function validateRate(values: RateValues): Record<string, string> {
  const parsed = fxRateInput.safeParse(values);
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  return errors;
}

/** Adds one rate (or replaces the day's rate of the pair). */
export function FxRateForm({ reportingCurrency }: { reportingCurrency: string }) {
  const { setFxRate } = useAnalyticsSettingsMutations();
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm<RateValues>({
    mode: 'controlled',
    initialValues: { day: today, base: '', quote: reportingCurrency, rate: '' },
    validate: validateRate,
  });
  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await setFxRate.mutateAsync(values);
      notifySuccess(
        'Rate saved',
        `${saved.base}→${saved.quote} ${saved.rate} from ${saved.day}; the movements are rebuilt.`,
      );
      form.setValues({ rate: '', base: '' });
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a rate">
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" verticalSpacing="sm">
        <TextInput label="Day" placeholder="2026-01-31" {...form.getInputProps('day')} />
        <TextInput label="Base" placeholder="EUR" maxLength={3} {...form.getInputProps('base')} />
        <TextInput label="Quote" placeholder="USD" maxLength={3} {...form.getInputProps('quote')} />
        <TextInput
          label="Rate"
          placeholder="1.0832"
          description="Quote per 1 base"
          {...form.getInputProps('rate')}
        />
        <Group align="flex-end">
          <Button type="submit" loading={setFxRate.isPending}>
            Add rate
          </Button>
        </Group>
      </SimpleGrid>
      {form.errors._ && (
        <Text size="sm" c="red" role="alert" mt="xs">
          {form.errors._}
        </Text>
      )}
    </form>
  );
}
