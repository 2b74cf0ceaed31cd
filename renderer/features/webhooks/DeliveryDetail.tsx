import { Alert, Badge, Code, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { DateText } from '../../ui/DateText';
import { FormDialog } from '../../ui/FormModal';
import { plainTable } from '../../ui/plain-table';

/** One delivery: every attempt (code, time taken, the answer's start) and the exact body sent. */
export function DeliveryDetail({ deliveryId, onClose }: { deliveryId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.webhooks.delivery.queryOptions({ id: deliveryId ?? '' }),
    enabled: deliveryId !== null,
  });
  const data = detail.data;
  return (
    <FormDialog opened={deliveryId !== null} onClose={onClose} title="Delivery" size="xl">
      {detail.isPending && <Loader size="sm" aria-label="Loading the delivery" />}
      {detail.error && <Alert color="red">{readServerProblem(detail.error).message}</Alert>}
      {data && (
        <Stack gap="md">
          <Text size="sm">
            <Text span ff="monospace">
              {data.eventType}
            </Text>{' '}
            about {data.objectId} (#{data.sequence})
          </Text>
          {data.attemptLog.length === 0 ? (
            <Text size="sm" c="dimmed">
              Not attempted yet.
            </Text>
          ) : (
            <Table {...plainTable} aria-label="Attempts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Attempt</Table.Th>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Response</Table.Th>
                  <Table.Th ta="right">Took</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.attemptLog.map((attempt) => (
                  <Table.Tr key={attempt.attempt}>
                    <Table.Td>{attempt.attempt}</Table.Td>
                    <Table.Td>
                      <DateText ms={attempt.at} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={attempt.outcome === 'succeeded' ? 'teal' : 'red'} variant="light">
                        {attempt.outcome === 'succeeded' ? 'Delivered' : 'Failed'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {attempt.responseCode ?? '—'} {attempt.error ?? attempt.responseExcerpt ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{attempt.durationMs} ms</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm" fw={600}>
            Request body
          </Text>
          <Code block aria-label="Request body" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(JSON.parse(data.requestBody), null, 2)}
          </Code>
        </Stack>
      )}
    </FormDialog>
  );
}
