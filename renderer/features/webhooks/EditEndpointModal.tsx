import { Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookEventType } from '../../../shared/webhooks/event-types';
import type { WebhookEndpointView } from '../../../shared/webhooks/schema';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { FormDialog, ModalForm } from '../../ui/FormModal';
import { EndpointFields, endpointFormErrors, type EndpointFormValues } from './EndpointFields';

/** Edits an endpoint's URL (checked as a new one's), description and event types. */
export function EditEndpointModal({
  endpoint,
  opened,
  onClose,
}: {
  endpoint: WebhookEndpointView;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.webhooks.update.mutationOptions());
  const form = useForm<EndpointFormValues>({
    mode: 'controlled',
    initialValues: {
      url: endpoint.url,
      description: endpoint.description,
      eventTypes: [...endpoint.eventTypes],
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync({
        id: endpoint.id,
        patch: {
          url: values.url,
          description: values.description,
          eventTypes: values.eventTypes as WebhookEventType[],
        },
      });
      await queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
      notifySuccess('Endpoint saved', values.url);
      onClose();
    } catch (error) {
      form.setErrors(endpointFormErrors(error));
    }
  });
  return (
    <FormDialog opened={opened} onClose={close} title="Edit webhook endpoint" size="lg">
      <ModalForm
        onSubmit={submit}
        onCancel={close}
        submitLabel="Save endpoint"
        submitting={update.isPending}
        error={form.errors._}
      >
        <Text size="sm" c="dimmed">
          Events already waiting go to the new URL. Event types apply to events from now on.
        </Text>
        <EndpointFields form={form} />
      </ModalForm>
    </FormDialog>
  );
}
