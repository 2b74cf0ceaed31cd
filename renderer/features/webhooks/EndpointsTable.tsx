import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { WebhookEndpointView } from '../../../shared/webhooks/schema';
import { DateText } from '../../ui/DateText';
import { plainTable } from '../../ui/plain-table';
import { EndpointActions } from './EndpointActions';
import { DELIVERY_LOOK, endpointLook } from './looks';

function LastDelivery({ last }: { last: WebhookEndpointView['lastDelivery'] }) {
  if (!last) {
    return (
      <Text size="sm" c="dimmed">
        None yet
      </Text>
    );
  }
  const ok = last.status === 'succeeded';
  return (
    <Stack gap={0}>
      <Text size="sm" c={ok ? undefined : 'red'}>
        {ok ? DELIVERY_LOOK.succeeded.label : 'Failed'}
        {last.responseCode !== null && ` · ${last.responseCode}`}
      </Text>
      <DateText ms={last.at} size="xs" c="dimmed" />
    </Stack>
  );
}

/** Older secrets that still sign every delivery beside the current one, until they expire. */
function ExpiringSecrets({ secrets }: { secrets: WebhookEndpointView['expiringSecrets'] }) {
  return secrets.map((old) => (
    <Text key={old.hint + old.expiresAt} size="xs" c="dimmed" fw={600}>
      also signing: old secret …{old.hint}, expires <DateText ms={old.expiresAt} inherit />
    </Text>
  ));
}

/** The workspace's endpoints, with their state and last delivery; `onShowLog` opens one's delivery log. */
export function EndpointsTable({
  endpoints,
  selectedId,
  onShowLog,
}: {
  endpoints: WebhookEndpointView[];
  selectedId: string | null;
  onShowLog: (id: string) => void;
}) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Table {...plainTable} aria-label="Webhook endpoints">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>URL</Table.Th>
            <Table.Th>Events</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last delivery</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {endpoints.map((endpoint) => {
            const look = endpointLook(endpoint);
            return (
              <Table.Tr key={endpoint.id} aria-selected={endpoint.id === selectedId}>
                <Table.Td>
                  <Text size="sm" fw={550} ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {endpoint.url}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {endpoint.description ? `${endpoint.description} · ` : ''}secret …{endpoint.secretHint}
                  </Text>
                  <ExpiringSecrets secrets={endpoint.expiringSecrets} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {endpoint.eventTypes.map((type) => (
                      <Badge key={type} variant="default" size="sm" tt="none" fw={500}>
                        {type}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge color={look.color} variant="light">
                    {look.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <LastDelivery last={endpoint.lastDelivery} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => onShowLog(endpoint.id)}>
                      Deliveries
                    </Button>
                    <EndpointActions endpoint={endpoint} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
