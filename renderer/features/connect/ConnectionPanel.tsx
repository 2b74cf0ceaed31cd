import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DateText } from '../../ui/DateText';
import { notifyError } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { STATE_LABELS } from './labels';
import { switchData } from './switch-data';
import type { ConnectionStatus } from './types';

/** Where this console is connected, how the sync stands, and the ways out. */
export function ConnectionPanel({ status }: { status: ConnectionStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshAll = () => queryClient.invalidateQueries();
  const syncNow = useMutation(trpc.connection.syncNow.mutationOptions({ onSettled: refreshAll }));
  const disconnect = useMutation(
    trpc.connection.disconnect.mutationOptions({ onSuccess: () => switchData(queryClient) }),
  );
  const info = STATE_LABELS[status.state];
  const leave = () => {
    const waiting = status.pending;
    const question = `${waiting} change${waiting === 1 ? ' has' : 's have'} not reached the server yet. They stay on this computer and are sent if you connect again. Disconnect now?`;
    if (waiting > 0 && !window.confirm(question)) return;
    disconnect.mutate(undefined, { onError: (error) => notifyError(error, 'Could not disconnect') });
  };
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={600}>{status.serverUrl}</Text>
            <Text size="sm" c="dimmed">
              Signed in as {status.email}
            </Text>
          </Stack>
          <Badge color={info.color} variant="light" size="lg" tt="none" data-testid="connection-state">
            {info.label}
          </Badge>
        </Group>
        <Group gap="xl">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Last synced
            </Text>
            {status.lastSyncedAt ? (
              <DateText ms={status.lastSyncedAt} size="sm" />
            ) : (
              <Text size="sm">Never</Text>
            )}
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Waiting to send
            </Text>
            <Text size="sm" data-testid="pending-count">
              {status.pending}
            </Text>
          </Stack>
        </Group>
        {status.error && (
          <Alert color={status.state === 'offline' ? 'orange' : 'red'} role="alert">
            {status.error}
          </Alert>
        )}
        <Group gap="sm">
          <Button variant="default" loading={syncNow.isPending} onClick={() => syncNow.mutate()}>
            Sync now
          </Button>
          <Button color="red" variant="light" loading={disconnect.isPending} onClick={leave}>
            Disconnect
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
