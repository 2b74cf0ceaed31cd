import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateText } from '../../ui/DateText';
import { useTRPC } from '../../lib/trpc';
import { describeCommand, OUTBOX_LABELS } from './labels';

interface Answered {
  status: 'pending' | 'ok' | 'error';
  errorMessage: string | null;
  withheld: string | null;
}

/** The server's answer in words; a secret it returned (a new key) is never kept, and that is said. */
function answerOf(entry: Answered): string {
  if (entry.status === 'error') return entry.errorMessage ?? 'Refused';
  if (entry.status === 'pending') return '—';
  return entry.withheld ? `Done. ${entry.withheld}` : 'Done';
}

/** Commands made while connected: waiting for the server, applied, or refused with its reason. */
export function OutboxTable() {
  const trpc = useTRPC();
  const outbox = useQuery({ ...trpc.connection.outbox.queryOptions({ limit: 100 }), refetchInterval: 3_000 });
  const entries = outbox.data ?? [];
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No commands yet. Changes you make while connected are listed here until the server answers.
      </Text>
    );
  }
  return (
    <Table striped withTableBorder aria-label="Outbox">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Command</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Made</Table.Th>
          <Table.Th>Server’s answer</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td>{describeCommand(entry.path)}</Table.Td>
            <Table.Td>
              <Badge color={OUTBOX_LABELS[entry.status].color} variant="light" tt="none">
                {OUTBOX_LABELS[entry.status].label}
              </Badge>
            </Table.Td>
            <Table.Td>
              <DateText ms={entry.createdAt} size="sm" />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={entry.status === 'error' ? 'red' : 'dimmed'}>
                {answerOf(entry)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
