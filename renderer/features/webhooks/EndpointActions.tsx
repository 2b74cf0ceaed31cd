import { Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { WebhookEndpointView } from '../../../shared/webhooks/schema';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { confirmAction } from '../../ui/confirm';
import { FormDialog } from '../../ui/FormModal';
import { SecretOnce } from '../../ui/SecretOnce';

/** Turns an endpoint on or off, and makes it a new signing secret (shown once). */
export function EndpointActions({ endpoint }: { endpoint: WebhookEndpointView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const setEnabled = useMutation(trpc.webhooks.setEnabled.mutationOptions({ onSettled: refresh }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSettled: refresh }));
  const [secret, setSecret] = useState<string | null>(null);
  const enabled = endpoint.status === 'enabled';

  const toggle = () =>
    setEnabled.mutate(
      { id: endpoint.id, enabled: !enabled },
      {
        onSuccess: () => notifySuccess(enabled ? 'Endpoint disabled' : 'Endpoint enabled', endpoint.url),
        onError: (error) =>
          notifyError(error, enabled ? 'Could not disable the endpoint' : 'Could not enable the endpoint'),
      },
    );
  const askRotate = () =>
    confirmAction({
      title: 'Make a new signing secret?',
      body: `The secret ending …${endpoint.secretHint} stops signing at once: update the receiving app with the new one straight away.`,
      confirmLabel: 'Make new secret',
      destructive: true,
      onConfirm: () =>
        rotate.mutate(
          { id: endpoint.id },
          {
            onSuccess: (answer) => setSecret(answer.secret),
            onError: (error) => notifyError(error, 'Could not make a new secret'),
          },
        ),
    });

  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="subtle" loading={setEnabled.isPending} onClick={toggle}>
        {enabled ? 'Disable' : 'Enable'}
      </Button>
      <Button size="xs" variant="subtle" color="orange" loading={rotate.isPending} onClick={askRotate}>
        Rotate secret
      </Button>
      <FormDialog opened={secret !== null} onClose={() => setSecret(null)} title="New signing secret">
        {secret && (
          <SecretOnce
            label="Signing secret"
            value={secret}
            note="Deliveries are signed with it from now on; put it in the receiving app."
          />
        )}
      </FormDialog>
    </Group>
  );
}
