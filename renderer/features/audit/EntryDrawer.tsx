import { ActionIcon, Code, CopyButton, Drawer, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';
import { plainTable } from '../../ui/plain-table';
import { valueText } from './change-text';
import { EntityLink } from './EntityLink';
import type { AuditRow } from './types';

/** One entry in full: who, when, from where, and every field it changed. */
export function EntryDrawer({ entry, onClose }: { entry: AuditRow | null; onClose: () => void }) {
  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={entry ? `Entry #${entry.seq}` : ''}
    >
      {entry && (
        <Stack gap="md">
          <Stack gap={4}>
            <Group gap="xs">
              <Code>{entry.action}</Code>
              <Text size="sm" c="dimmed">
                {formatDateTime(entry.at)}
              </Text>
            </Group>
            <Text size="sm">
              By <b>{entry.actorName}</b> from {entry.client}
            </Text>
            <Group gap={6}>
              <Text size="sm">{entry.entityType.replace(/_/g, ' ')}</Text>
              <EntityLink type={entry.entityType} id={entry.entityId} label={entry.entityLabel} />
              <CopyButton value={entry.entityId}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : `Copy id ${entry.entityId}`}>
                    <ActionIcon variant="subtle" size="sm" aria-label="Copy id" onClick={copy}>
                      {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </Stack>
          {entry.changes.length === 0 ? (
            <Text size="sm" c="dimmed">
              No field changed.
            </Text>
          ) : (
            <Table {...plainTable} aria-label="Changed fields">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entry.changes.map((change) => (
                  <Table.Tr key={change.field}>
                    <Table.Td ff="monospace" fz="xs">
                      {change.field}
                    </Table.Td>
                    <Table.Td fz="sm" c="dimmed" style={{ wordBreak: 'break-word' }}>
                      {valueText(change.field, change.before, entry.currency)}
                    </Table.Td>
                    <Table.Td fz="sm" style={{ wordBreak: 'break-word' }}>
                      {valueText(change.field, change.after, entry.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
