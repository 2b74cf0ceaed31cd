import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  WEBHOOK_LOG_RETENTION_DAYS,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from '../../../shared/webhooks/schema';
import { readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { DateText } from '../../ui/DateText';
import { plainTable } from '../../ui/plain-table';
import { DeliveryDetail } from './DeliveryDetail';
import { DELIVERY_LOOK } from './looks';

const PAGE = 50;

/** Sends one event to this endpoint again (from a fresh run of retries). */
function ReplayButton({
  delivery,
  endpoint,
}: {
  delivery: WebhookDeliveryView;
  endpoint: WebhookEndpointView;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() }),
    }),
  );
  if (delivery.status === 'pending') return null;
  return (
    <Button
      size="xs"
      variant="subtle"
      leftSection={<IconRefresh size={14} stroke={1.75} />}
      loading={replay.isPending}
      disabled={endpoint.status !== 'enabled'}
      title={endpoint.status === 'enabled' ? undefined : 'Enable the endpoint to replay its events'}
      onClick={() =>
        replay.mutate(
          { id: delivery.id },
          {
            onSuccess: () =>
              notifySuccess('Event queued again', `${delivery.eventType} will be sent shortly.`),
            onError: (error) => notifyError(error, 'Could not replay the event'),
          },
        )
      }
    >
      Replay
    </Button>
  );
}

/** One endpoint's deliveries, newest first: status, response code, attempts, time; replay and detail. */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpointView }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState<string | null>(null);
  const log = useInfiniteQuery(
    trpc.webhooks.deliveries.infiniteQueryOptions(
      { endpointId: endpoint.id, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor, initialCursor: null },
    ),
  );
  const deliveries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="delivery-log-title">
      <Title order={4} id="delivery-log-title">
        Deliveries to {endpoint.url}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        Deliveries and their attempts are kept for {WEBHOOK_LOG_RETENTION_DAYS} days after they are settled;
        an event still waiting after {WEBHOOK_LOG_RETENTION_DAYS} days is no longer sent.
      </Text>
      {log.isPending && <Loader size="sm" aria-label="Loading deliveries" />}
      {log.error && <Alert color="red">{readServerProblem(log.error).message}</Alert>}
      {log.data && deliveries.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing sent yet. Events of the types it wants appear here as they happen.
        </Text>
      )}
      {deliveries.length > 0 && (
        <Stack gap="sm">
          <Table {...plainTable} aria-label="Deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th ta="right">Attempts</Table.Th>
                <Table.Th>Time</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.map((delivery) => {
                const look = DELIVERY_LOOK[delivery.status];
                return (
                  <Table.Tr key={delivery.id}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {delivery.eventType}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {delivery.objectId} #{delivery.sequence}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={look.color} variant="light">
                        {look.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{delivery.lastResponseCode ?? '—'}</Table.Td>
                    <Table.Td ta="right">{delivery.attempts}</Table.Td>
                    <Table.Td>
                      <DateText ms={delivery.finishedAt ?? delivery.createdAt} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="subtle" onClick={() => setOpen(delivery.id)}>
                          Details
                        </Button>
                        <ReplayButton delivery={delivery} endpoint={endpoint} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {log.hasNextPage && (
            <Button
              variant="default"
              loading={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              Show older deliveries
            </Button>
          )}
        </Stack>
      )}
      <DeliveryDetail deliveryId={open} onClose={() => setOpen(null)} />
    </Paper>
  );
}
