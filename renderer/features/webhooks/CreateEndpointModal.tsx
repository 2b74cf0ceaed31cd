import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { WebhookEventType } from '../../../shared/webhooks/event-types';
import { useTRPC } from '../../lib/trpc';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { SecretOnce } from '../../ui/SecretOnce';
import { EndpointFields, endpointFormErrors, type EndpointFormValues } from './EndpointFields';

const SECRET_NOTE =
  'Give it to the receiving app: it checks each delivery’s Tollgate-Signature header with it (see docs/webhooks.md).';

/** A new endpoint: its URL and the events it wants; then its signing secret, once. */
export function CreateEndpointModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<EndpointFormValues>({
    mode: 'controlled',
    initialValues: { url: '', description: '', eventTypes: [] },
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
      form.setErrors(endpointFormErrors(error));
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
          <EndpointFields form={form} />
        </ModalForm>
      )}
    </FormDialog>
  );
}
