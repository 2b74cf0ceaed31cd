import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '../../../shared/webhooks/event-types';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { SecretOnce } from '../../ui/SecretOnce';

const SECRET_NOTE =
  'Give it to the receiving app: it checks each delivery’s Tollgate-Signature header with it (see docs/webhooks.md).';

/** A field's problem under that field, anything else as the form's own. */
function formErrors(error: unknown): Record<string, string> {
  const problem = readServerProblem(error);
  const byField = firstFieldErrors(problem.fieldErrors);
  const shown: Record<string, string> = {};
  for (const [field, message] of Object.entries(byField)) {
    const name = field.startsWith('eventTypes') ? 'eventTypes' : field;
    if (['url', 'eventTypes', 'description'].includes(name)) shown[name] = message;
  }
  return Object.keys(shown).length > 0 ? shown : { _: problem.message };
}

/** A new endpoint: its URL and the events it wants; then its signing secret, once. */
export function CreateEndpointModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { url: '', description: '', eventTypes: [] as string[] },
  });
  const close = () => {
    form.reset();
    setSecret(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      const made = await create.mutateAsync({
        url: values.url,
        description: values.description,
        eventTypes: values.eventTypes as WebhookEventType[],
      });
      await queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
      setSecret(made.secret);
    } catch (error) {
      form.setErrors(formErrors(error));
    }
  });
  return (
    <FormDialog
      opened={opened}
      onClose={close}
      title={secret ? 'Endpoint added' : 'New webhook endpoint'}
      size="lg"
    >
      {secret ? (
        <SecretOnce label="Signing secret" value={secret} note={SECRET_NOTE} />
      ) : (
        <ModalForm
          onSubmit={submit}
          onCancel={close}
          submitLabel="Add endpoint"
          submitting={create.isPending}
          error={form.errors._}
        >
          <TextInput
            label="URL"
            description="Where Tollgate POSTs each event: https:// (plain http and local addresses only in the sandbox)."
            placeholder="https://app.example.com/tollgate-webhooks"
            withAsterisk
            data-autofocus
            {...form.getInputProps('url')}
          />
          <TextInput
            label="Description"
            description="Which app this is, e.g. Course catalog"
            {...form.getInputProps('description')}
          />
          <Checkbox.Group label="Events" withAsterisk {...form.getInputProps('eventTypes')}>
            <Stack gap="xs" mt="xs">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox
                  key={type}
                  value={type}
                  label={
                    <Text size="sm" ff="monospace">
                      {type}
                    </Text>
                  }
                  description={WEBHOOK_EVENT_DESCRIPTIONS[type]}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </ModalForm>
      )}
    </FormDialog>
  );
}
