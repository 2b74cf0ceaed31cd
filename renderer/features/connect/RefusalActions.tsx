import { Button, Group, List, Text } from '@mantine/core';
import type { OutboxItem } from './offline-api';
import type { OutboxCommands } from './outbox-commands';
import { conflictText } from '../../lib/offline/conflict-text';
import { recordRoute } from './outbox-text';

/**
 * A refused command's reason and what to do: with conflicts, each field with both values and
 * Keep mine (send again over their values) / Keep theirs; otherwise Retry / Edit / Discard.
 */
export function RefusalActions({ entry, commands }: { entry: OutboxItem; commands: OutboxCommands }) {
  const conflicts = entry.conflicts ?? [];
  const canEdit = recordRoute(entry.record) !== null;
  return (
    <>
      <Text size="sm" c="red">
        {entry.errorMessage ?? 'Refused by the server'}
      </Text>
      {conflicts.length > 0 && (
        <List size="sm" spacing={2} mt={4} aria-label="Conflicting values">
          {conflicts.map((conflict) => (
            <List.Item key={conflict.field}>{conflictText(conflict)}</List.Item>
          ))}
        </List>
      )}
      {!entry.acknowledged && (
        <Group gap="xs" mt={6}>
          <Button
            size="compact-xs"
            variant="light"
            disabled={commands.busy}
            onClick={() => commands.retry(entry)}
          >
            {conflicts.length > 0 ? 'Keep mine' : 'Retry'}
          </Button>
          {canEdit && (
            <Button
              size="compact-xs"
              variant="default"
              disabled={commands.busy}
              onClick={() => commands.edit(entry)}
            >
              Edit
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            disabled={commands.busy}
            onClick={() => commands.discard(entry)}
          >
            {conflicts.length > 0 ? 'Keep theirs' : 'Discard'}
          </Button>
        </Group>
      )}
    </>
  );
}
