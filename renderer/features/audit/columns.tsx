import { Code, Stack, Text, Tooltip } from '@mantine/core';
import { codeColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { changesSummary } from './change-text';
import type { AuditRow } from './types';

export const auditColumns: DataColumn<AuditRow>[] = [
  codeColumn<AuditRow>('seq', '#', (e) => String(e.seq), { minWidth: 70, exportAs: ['seq'] }),
  dateColumn<AuditRow>('at', 'When', (e) => e.at, { align: 'left', minWidth: 130, exportAs: ['at'] }),
  {
    id: 'actor',
    header: 'Who',
    exportAs: ['actor', 'client'],
    minWidth: 160,
    grow: 1,
    cell: (e) => (
      <Stack gap={0}>
        <Text size="sm" fw={550} truncate>
          {e.actorName}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {e.client}
        </Text>
      </Stack>
    ),
  },
  {
    id: 'action',
    header: 'Action',
    minWidth: 250,
    grow: 1,
    cell: (e) => <Code>{e.action}</Code>,
  },
  {
    id: 'entity',
    header: 'Entity',
    minWidth: 240,
    grow: 1,
    // Named as people know it (INV-000471, Ada Lovelace); the id is on hover and in the entry.
    cell: (e) => (
      <Tooltip label={e.entityId} openDelay={300}>
        <Text size="sm" truncate>
          {e.entityType.replace(/_/g, ' ')} {e.entityLabel ?? e.entityId}
        </Text>
      </Tooltip>
    ),
    exportAs: ['entity-type', 'entity'],
  },
  {
    id: 'changes',
    header: 'What changed',
    minWidth: 240,
    grow: 3,
    cell: (e) => (
      <Text size="sm" c="dimmed" truncate>
        {changesSummary(e.changes, 2, e.currency) || '—'}
      </Text>
    ),
    exportAs: ['changes'],
  },
  // The audit log's export names an entry by its seq; it has no id column.
  { ...idColumn<AuditRow>(), exportAs: [] },
];
