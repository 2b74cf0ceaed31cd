import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { notifyError } from '../../lib/notify';
import { formatCount } from '../../lib/format';
import { collectRows } from './collect-rows';
import { buildCsv } from './csv';
import { datedFileName, downloadText } from './download';
import type { DataColumn, FetchPage, Noun } from './types';

interface ExportButtonProps<Row> {
  fetchPage: FetchPage<Row>;
  /** The columns shown now, in order: the file has exactly these. */
  columns: readonly DataColumn<Row>[];
  fileBase: string;
  noun: Noun;
}

/** Exports every row of the current view (not just the loaded ones) as CSV, with progress. */
export function ExportButton<Row>({ fetchPage, columns, fileBase, noun }: ExportButtonProps<Row>) {
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    const id = notifications.show({
      title: `Exporting ${noun.other}`,
      message: 'Starting…',
      loading: true,
      autoClose: false,
      withCloseButton: false,
    });
    try {
      const rows = await collectRows(fetchPage, {
        limit: 1000,
        onProgress: ({ loaded, total }) =>
          notifications.update({
            id,
            message: total
              ? `${formatCount(loaded)} of ${formatCount(total)}`
              : `${formatCount(loaded)} so far`,
          }),
      });
      const csv = buildCsv(
        columns.map((c) => c.header),
        rows.map((row) => columns.map((c) => c.exportValue(row))),
      );
      downloadText(datedFileName(fileBase), csv);
      notifications.update({
        id,
        title: 'Export ready',
        message: `${formatCount(rows.length)} ${rows.length === 1 ? noun.one : noun.other} saved as CSV`,
        loading: false,
        color: 'teal',
        autoClose: 4000,
        withCloseButton: true,
      });
    } catch (error) {
      notifications.hide(id);
      notifyError(error, 'Export failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="default"
      size="sm"
      leftSection={<IconDownload size={16} stroke={1.75} />}
      loading={busy}
      onClick={() => void run()}
    >
      Export CSV
    </Button>
  );
}
