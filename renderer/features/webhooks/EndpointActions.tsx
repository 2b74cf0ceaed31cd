import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDots, IconKey, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookEndpointView } from '../../../shared/webhooks/schema';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { confirmAction } from '../../ui/confirm';
import { EditEndpointModal } from './EditEndpointModal';
import { RollSecretModal } from './RollSecretModal';

const cancelledText = (n: number) =>
  n === 0
    ? 'Nothing was waiting to be sent.'
    : `${n} waiting ${n === 1 ? 'delivery' : 'deliveries'} cancelled.`;

/** Turns an endpoint on or off; edits it, rolls its signing secret or deletes it. */
export function EndpointActions({ endpoint }: { endpoint: WebhookEndpointView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const setEnabled = useMutation(trpc.webhooks.setEnabled.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSettled: refresh }));
  const [editing, edit] = useDisclosure(false);
  const [rolling, roll] = useDisclosure(false);
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
  const askDelete = () =>
    confirmAction({
      title: 'Delete this endpoint?',
      body: `Nothing more is sent to ${endpoint.url}: deliveries waiting for it are cancelled, and its delivery log is deleted with it. The audit log keeps a record of the endpoint and who deleted it.`,
      confirmLabel: 'Delete endpoint',
      cancelLabel: 'Keep it',
      destructive: true,
      onConfirm: () =>
        remove.mutate(
          { id: endpoint.id },
          {
            onSuccess: (done) => notifySuccess('Endpoint deleted', cancelledText(done.cancelledDeliveries)),
            onError: (error) => notifyError(error, 'Could not delete the endpoint'),
          },
        ),
    });

  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="subtle" loading={setEnabled.isPending} onClick={toggle}>
        {enabled ? 'Disable' : 'Enable'}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${endpoint.url}`}>
            <IconDots size={18} stroke={1.75} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPencil size={16} stroke={1.75} />} onClick={edit.open}>
            Edit
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} stroke={1.75} />} onClick={roll.open}>
            Roll secret
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconTrash size={16} stroke={1.75} />} onClick={askDelete}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {editing && <EditEndpointModal endpoint={endpoint} opened={editing} onClose={edit.close} />}
      {rolling && <RollSecretModal endpoint={endpoint} opened={rolling} onClose={roll.close} />}
    </Group>
  );
}
