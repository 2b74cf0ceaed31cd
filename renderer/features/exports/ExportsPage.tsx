import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ExportSummary } from '../../../shared/exports/schema';
import { formatBytes } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useNow } from '../../lib/use-now';
import { confirmAction } from '../../ui/confirm';
import { DateText } from '../../ui/DateText';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { plainTable } from '../../ui/plain-table';
import { durationText, FORMAT_LABELS, isUnfinished, rowsText, STATUS_LOOK } from './export-text';
import { SaveExportButton } from './SaveExportButton';
import { PROGRESS_MS, useExportActions } from './use-export';

const wrap = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

function ExportActions({ summary }: { summary: ExportSummary }) {
  const { cancel, remove } = useExportActions();
  const onError = (what: string) => (error: unknown) => notifyError(error, `Could not ${what} the export`);
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {summary.status === 'done' && <SaveExportButton summary={summary} />}
      {isUnfinished(summary) ? (
        <Button
          size="compact-sm"
          variant="default"
          loading={cancel.isPending}
          aria-label={`Cancel ${summary.fileName}`}
          onClick={() => cancel.mutate({ id: summary.id }, { onError: onError('cancel') })}
        >
          Cancel
        </Button>
      ) : (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          loading={remove.isPending}
          aria-label={`Delete ${summary.fileName}`}
          onClick={() =>
            confirmAction({
              title: 'Delete this export?',
              body: `${summary.fileName} is removed from this computer's exports. Copies already saved stay.`,
              confirmLabel: 'Delete',
              onConfirm: () => remove.mutate({ id: summary.id }, { onError: onError('delete') }),
            })
          }
        >
          Delete
        </Button>
      )}
    </Group>
  );
}

function ExportRow({ summary, now }: { summary: ExportSummary; now: number }) {
  const look = STATUS_LOOK[summary.status];
  return (
    <Table.Tr data-export-id={summary.id}>
      <Table.Td>
        <Stack gap={2} maw={380} style={wrap}>
          <Text size="sm" fw={500}>
            {summary.title} · {FORMAT_LABELS[summary.format]}
          </Text>
          <Text size="xs" c="dimmed">
            {summary.filters}
          </Text>
          {summary.error && (
            <Text size="xs" c="red.8">
              {summary.error}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Badge color={look.color} variant="light">
          {look.label}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">{rowsText(summary)}</Table.Td>
      <Table.Td ta="right">{summary.status === 'done' ? formatBytes(summary.bytes) : '—'}</Table.Td>
      <Table.Td ta="right">{durationText(summary, now) ?? '—'}</Table.Td>
      <Table.Td>
        <DateText ms={summary.createdAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <ExportActions summary={summary} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The user's exports in this workspace: running ones with their progress, finished ones to save again or delete. */
export function ExportsPage() {
  useDocumentTitle('Exports · Tollgate');
  const trpc = useTRPC();
  const now = useNow();
  const exports = useQuery({
    ...trpc.exports.list.queryOptions(),
    refetchInterval: (query) => ((query.state.data ?? []).some(isUnfinished) ? PROGRESS_MS : false),
  });
  return (
    <Stack gap="lg">
      <PageHeader
        title="Exports"
        description="Lists written to CSV, XLSX or PDF by this computer's backend from its own data, also offline. Start one from any list's Export menu."
      />
      {!exports.data ? (
        <LoadOrProblem error={exports.error} what="exports" />
      ) : exports.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          No exports yet. Each list page has an Export menu.
        </Text>
      ) : (
        <Paper withBorder radius="lg" p="md">
          <Table {...plainTable} aria-label="Exports" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Export and filters</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Rows</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th ta="right">Time</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exports.data.map((summary) => (
                <ExportRow key={summary.id} summary={summary} now={now} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
