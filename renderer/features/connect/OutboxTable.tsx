import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { DateText } from '../../ui/DateText';
import { describeCommand, OUTBOX_LABELS, outboxState } from './labels';
import { useOutbox, type OutboxItem } from './offline-api';
import { useOutboxCommands, type OutboxCommands } from './outbox-commands';
import { recordRoute } from './outbox-text';
import { RefusalActions } from './RefusalActions';

/** The command in words ("Refund $5.00 on INV-000001"), linked to its record when it has a page. */
function CommandCell({ entry }: { entry: OutboxItem }) {
  const label = entry.label || describeCommand(entry.path);
  const route = recordRoute(entry.record);
  if (!route || entry.status === 'cancelled') return <Text size="sm">{label}</Text>;
  return (
    <Anchor size="sm" renderRoot={(props) => <Link {...route} {...props} />}>
      {label}
    </Anchor>
  );
}

/** The server's answer in words; a secret it returned (a new key) is never kept, and that is said. */
function AnswerCell({ entry, commands }: { entry: OutboxItem; commands: OutboxCommands }) {
  if (entry.status === 'error') return <RefusalActions entry={entry} commands={commands} />;
  if (entry.status === 'pending' && !entry.inFlight) {
    return (
      <Button
        size="compact-xs"
        variant="default"
        disabled={commands.busy}
        onClick={() => commands.cancel(entry)}
        aria-label={`Cancel ${entry.label}`}
      >
        Cancel
      </Button>
    );
  }
  const text =
    entry.status === 'ok'
      ? entry.withheld
        ? `Done. ${entry.withheld}`
        : 'Done'
      : entry.status === 'cancelled'
        ? 'Not sent'
        : '—';
  return (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}

/** Commands made while connected: waiting (cancellable until sent), applied, refused (with what to do), or cancelled. */
export function OutboxTable() {
  const outbox = useOutbox({ refetchInterval: 2_000 });
  const commands = useOutboxCommands();
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
        {entries.map((entry) => {
          const state = OUTBOX_LABELS[outboxState(entry)];
          return (
            <Table.Tr key={entry.id} data-testid="outbox-entry">
              <Table.Td>
                <CommandCell entry={entry} />
              </Table.Td>
              <Table.Td>
                <Badge color={state.color} variant="light" tt="none">
                  {state.label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <DateText ms={entry.createdAt} size="sm" />
              </Table.Td>
              <Table.Td>
                <AnswerCell entry={entry} commands={commands} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
