import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { ExportSummary } from '../../../shared/exports/schema';
import { notifyError, notifySuccess } from '../../lib/notify';
import { saveExport } from './save-export';

/** "Save…" in the desktop app (a save dialog), "Download" in a browser. */
export function SaveExportButton({ summary }: { summary: ExportSummary }) {
  const [busy, setBusy] = useState(false);
  const desktop = window.tollgate !== undefined;
  const onClick = () => {
    setBusy(true);
    saveExport(summary)
      .then((outcome) => {
        if (outcome.kind === 'saved') notifySuccess('Export saved', outcome.path);
      })
      .catch((error: unknown) => notifyError(error, 'Could not save the export'))
      .finally(() => setBusy(false));
  };
  return (
    <Button
      size="compact-sm"
      variant="light"
      leftSection={<IconDownload size={14} />}
      loading={busy}
      aria-label={`${desktop ? 'Save' : 'Download'} ${summary.fileName}`}
      onClick={onClick}
    >
      {desktop ? 'Save…' : 'Download'}
    </Button>
  );
}
