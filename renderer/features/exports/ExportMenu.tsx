import { Affix, Button, Menu, Paper, Text } from '@mantine/core';
import { IconChevronDown, IconFileExport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ExportFormat, ExportSource } from '../../../shared/exports/schema';
import { notifyError } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { ExportProgress } from './ExportProgress';

const CHOICES: { label: string; format: ExportFormat; bom: boolean; hint: string }[] = [
  { label: 'CSV', format: 'csv', bom: false, hint: 'UTF-8, for scripts and most tools' },
  { label: 'CSV for Excel', format: 'csv', bom: true, hint: 'With a byte-order mark Excel needs' },
  { label: 'XLSX', format: 'xlsx', bom: false, hint: 'A workbook with real dates and amounts' },
  { label: 'PDF', format: 'pdf', bom: false, hint: 'A printable report, up to 50,000 rows' },
];

/** Drops the filters that are not set, so the export's words name only what narrows the list. */
function setFilters(view: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(view).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * The Export menu of a list page: the list's whole current view (its filters and sort, not just
 * the rows loaded, and the columns the table shows) written by the backend to CSV, XLSX or PDF,
 * with its progress in a corner panel. The one export of a list (decision 148).
 */
export function ExportMenu({
  source,
  view,
  columns,
}: {
  source: ExportSource;
  view: Record<string, unknown>;
  /** The source's columns to write (the table's shown ones, see DataTable); omitted: all. */
  columns?: string[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<string | null>(null);
  const start = useMutation(
    trpc.exports.start.mutationOptions({
      onSuccess: (summary) => {
        setCurrent(summary.id);
        void queryClient.invalidateQueries({ queryKey: trpc.exports.list.queryKey() });
      },
      onError: (error) => notifyError(error, 'Could not start the export'),
    }),
  );
  const begin = (format: ExportFormat, bom: boolean) =>
    start.mutate({
      source,
      view: setFilters(view),
      format,
      options: { bom },
      ...(columns ? { columns } : {}),
    });
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconFileExport size={16} stroke={1.75} />}
            rightSection={<IconChevronDown size={14} />}
            loading={start.isPending}
          >
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>The whole view, filters and sort kept</Menu.Label>
          {CHOICES.map((choice) => (
            <Menu.Item key={choice.label} onClick={() => begin(choice.format, choice.bom)}>
              {choice.label}
              <Text size="xs" c="dimmed">
                {choice.hint}
              </Text>
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {current !== null && (
        // A panel in the corner, as a notification: the list stays usable while the export runs.
        <Affix position={{ bottom: 20, right: 20 }}>
          <Paper withBorder shadow="md" radius="md" p="md">
            <ExportProgress id={current} onClose={() => setCurrent(null)} />
          </Paper>
        </Affix>
      )}
    </>
  );
}
