import { Code, Stack, Text } from '@mantine/core';
import { codeColumn, dateColumn, idColumn, type DataColumn } from '../../ui/data-table';
import { changesSummary } from './change-text';
import type { AuditRow } from './types';

export const auditColumns: DataColumn<AuditRow>[] = [
  codeColumn<AuditRow>('seq', '#', (e) => String(e.seq), { minWidth: 70 }),
  dateColumn<AuditRow>('at', 'When', (e) => e.at, { align: 'left', minWidth: 130 }),
  {
    id: 'actor',
    header: 'Who',
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
    exportValue: (e) => e.actorName,
  },
  {
    id: 'action',
    header: 'Action',
    minWidth: 250,
    grow: 1,
    cell: (e) => <Code>{e.action}</Code>,
    exportValue: (e) => e.action,
  },
  codeColumn<AuditRow>('entity', 'Entity', (e) => `${e.entityType} ${e.entityId}`, { minWidth: 280 }),
  {
    id: 'changes',
    header: 'What changed',
    minWidth: 240,
    grow: 3,
    cell: (e) => (
      <Text size="sm" c="dimmed" truncate>
        {changesSummary(e.changes) || '—'}
      </Text>
    ),
    exportValue: (e) => changesSummary(e.changes, e.changes.length),
  },
  idColumn<AuditRow>(),
];
