import { Anchor, Button, CloseButton, Group, Progress, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { notifyError } from '../../lib/notify';
import { useNow } from '../../lib/use-now';
import { doneText, FORMAT_LABELS, isUnfinished, percentDone, rowsText, STATUS_LOOK } from './export-text';
import { SaveExportButton } from './SaveExportButton';
import { useExportActions, useExportProgress } from './use-export';

/** One export on its way: rows done of total with Cancel, then its size and time with Save or Download. */
export function ExportProgress({ id, onClose }: { id: string; onClose: () => void }) {
  const progress = useExportProgress(id);
  const { cancel } = useExportActions();
  const now = useNow();
  const summary = progress.data;
  if (!summary) return <Text size="sm">Starting the export…</Text>;
  const running = isUnfinished(summary);
  const percent = percentDone(summary);
  return (
    <Stack gap="xs" role="status" aria-label="Export progress" w={300}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {summary.title} to {FORMAT_LABELS[summary.format]} · {STATUS_LOOK[summary.status].label}
        </Text>
        {!running && <CloseButton size="sm" aria-label="Close" onClick={onClose} />}
      </Group>
      {running && <Progress value={percent ?? 100} animated={percent === null} aria-label="Rows exported" />}
      <Text size="sm" data-testid="export-rows">
        {summary.status === 'done' ? doneText(summary, now) : rowsText(summary)}
      </Text>
      {summary.error && (
        <Text size="sm" c="red.8">
          {summary.error}
        </Text>
      )}
      <Group gap="xs">
        {running && (
          <Button
            size="compact-sm"
            variant="default"
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate({ id }, { onError: (error) => notifyError(error, 'Could not cancel the export') })
            }
          >
            Cancel
          </Button>
        )}
        {summary.status === 'done' && <SaveExportButton summary={summary} />}
        <Anchor component={Link} to="/exports" size="sm">
          All exports
        </Anchor>
      </Group>
    </Stack>
  );
}
