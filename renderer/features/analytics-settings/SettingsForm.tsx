import {
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useMemo } from 'react';
import { formErrorsOf } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { useCan } from '../../shell/session';
import {
  rebuildNotice,
  settingsFromForm,
  settingsToForm,
  validateSettingsForm,
  type SettingsFormValues,
} from './settings-form';
import type { AnalyticsSettingsView } from './types';
import { useAnalyticsSettingsMutations } from './use-analytics-settings';

/** Reporting currency, the past-due setting and the finance pack's recipients; read-only without billing.write. */
export function SettingsForm({ settings }: { settings: AnalyticsSettingsView }) {
  const canWrite = useCan('billing.write');
  const { update } = useAnalyticsSettingsMutations();
  const saved = useMemo(() => settingsToForm(settings), [settings]);
  const form = useForm<SettingsFormValues>({
    mode: 'controlled',
    initialValues: saved,
    validate: validateSettingsForm,
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues(saved);
    resetDirty(saved);
    // The saved settings changed (saved here or elsewhere): show them.
  }, [saved, setValues, resetDirty]);

  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync(settingsFromForm(values));
      notifySuccess('Analytics settings saved', rebuildNotice(saved, values) ?? undefined);
    } catch (error) {
      form.setErrors(formErrorsOf(error));
    }
  });
  const notice = rebuildNotice(saved, form.values);

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="analytics-settings">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={4} id="analytics-settings">
            Settings
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Reporting currency"
              description="Every figure is also shown in this currency, at the FX rate of its day"
              maxLength={3}
              disabled={!canWrite}
              {...form.getInputProps('reportingCurrency')}
            />
            <Stack gap={6}>
              <Switch
                label="Churn past-due subscriptions after a number of days"
                description="Off: a past-due subscription counts until it ends"
                disabled={!canWrite}
                {...form.getInputProps('pastDueChurn', { type: 'checkbox' })}
              />
              {form.values.pastDueChurn && (
                <NumberInput
                  label="Days past due"
                  min={1}
                  max={365}
                  allowDecimal={false}
                  disabled={!canWrite}
                  {...form.getInputProps('pastDueChurnDays')}
                />
              )}
            </Stack>
          </SimpleGrid>
          <Textarea
            label="Finance pack recipients"
            description="The monthly finance pack is emailed to these addresses on the 1st; one a line"
            autosize
            minRows={2}
            maxRows={8}
            disabled={!canWrite}
            {...form.getInputProps('recipients')}
          />
          {notice && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {notice}
            </Text>
          )}
          {form.errors._ && (
            <Text size="sm" c="red" role="alert">
              {form.errors._}
            </Text>
          )}
          {canWrite && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save settings
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
