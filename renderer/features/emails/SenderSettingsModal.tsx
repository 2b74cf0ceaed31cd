import { ColorInput, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { toFormValues, validateSettingsForm, type SettingsFormValues } from './settings-form';
import type { EmailSettings } from './types';

function SettingsForm({ saved, onDone }: { saved: EmailSettings; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.emails.updateSettings.mutationOptions());
  // The version the form started from, kept even when a refetch brings a newer one: saving
  // over someone else's change needs a fresh look at it first.
  const [startedFrom] = useState(saved.version);
  const form = useForm<SettingsFormValues>({
    mode: 'controlled',
    initialValues: toFormValues(saved),
    validate: validateSettingsForm,
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({ expectedVersion: startedFrom, settings: values });
      notifySuccess('Sender settings saved', 'Emails written from now on use them.');
      onDone();
    } catch (error) {
      const problem = readServerProblem(error);
      // The server names fields under "settings."; the form's fields are the same without it.
      const fields = Object.fromEntries(
        Object.entries(firstFieldErrors(problem.fieldErrors)).map(([k, v]) => [
          k.replace(/^settings\./, ''),
          v,
        ]),
      );
      form.setErrors(Object.keys(fields).length > 0 ? fields : { _: problem.message });
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.emails.settings.queryKey() });
    }
  });

  return (
    <ModalForm
      onSubmit={submit}
      onCancel={onDone}
      submitLabel="Save settings"
      submitting={save.isPending}
      error={form.errors._}
      notice={
        <Text size="sm" c="dimmed">
          Emails already written keep the look they were written with.
        </Text>
      }
    >
      <TextInput label="Sender name" withAsterisk data-autofocus {...form.getInputProps('senderName')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="From address"
          placeholder="The server’s own address"
          description="Empty: the address the server sends from"
          {...form.getInputProps('fromAddress')}
        />
        <TextInput
          label="Reply-to address"
          placeholder="None"
          description="Where customers’ replies go"
          {...form.getInputProps('replyTo')}
        />
      </SimpleGrid>
      <ColorInput
        label="Brand colour"
        format="hex"
        withAsterisk
        w={220}
        {...form.getInputProps('brandColor')}
      />
      <Textarea
        label="Footer"
        withAsterisk
        autosize
        minRows={2}
        maxRows={5}
        description="At the bottom of every email: your address, why they receive it"
        {...form.getInputProps('footerText')}
      />
    </ModalForm>
  );
}

/** Who the tenant's emails come from and how they look; applies to emails written from now on. */
export function SenderSettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const settings = useQuery({ ...trpc.emails.settings.queryOptions(), enabled: opened });
  return (
    <FormDialog opened={opened} onClose={onClose} title="Sender settings" size="lg">
      {settings.data ? (
        <SettingsForm saved={settings.data} onDone={onClose} />
      ) : (
        <LoadOrProblem error={settings.error} what="sender settings" />
      )}
    </FormDialog>
  );
}
