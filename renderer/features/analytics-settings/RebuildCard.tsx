import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { DateText } from '../../ui/DateText';
import { rebuildText } from './rebuild-text';
import { useAnalyticsSettingsMutations } from './use-analytics-settings';

/** While a rebuild runs the card follows it. */
const REFRESH_MS = 1000;

/** The background rebuild: its progress, the differences the last one found, and "Rebuild and check". */
export function RebuildCard() {
  const trpc = useTRPC();
  const canWrite = useCan('billing.write');
  const { startRebuild } = useAnalyticsSettingsMutations();
  const status = useQuery({
    ...trpc.analyticsSettings.rebuildStatus.queryOptions(),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? REFRESH_MS : false),
  });
  const rebuild = status.data;
  const shown = rebuild ? rebuildText(rebuild) : null;
  const start = async () => {
    try {
      await startRebuild.mutateAsync();
      notifySuccess(
        'Rebuild started',
        'Every movement is derived again from history and compared with what was written.',
      );
    } catch (error) {
      notifyError(error, 'The rebuild did not start');
    }
  };
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="analytics-rebuild">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={4} id="analytics-rebuild">
            Rebuild
          </Title>
          {canWrite && (
            <Button
              variant="light"
              onClick={() => void start()}
              loading={startRebuild.isPending}
              disabled={rebuild?.status === 'running'}
            >
              Rebuild and check
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          Derives every MRR movement again from subscription history and rewrites only the rows that differ; 0
          differences means the figures were exactly as written.
        </Text>
        {shown && (
          <Text
            size="sm"
            c={shown.color === 'gray' ? 'dimmed' : `${shown.color}.8`}
            aria-live="polite"
            data-testid="rebuild-status"
          >
            {shown.text}
          </Text>
        )}
        {shown?.percent != null && <Progress value={shown.percent} aria-label="Rebuild progress" animated />}
        {rebuild?.rebuiltAt != null && rebuild.status !== 'running' && (
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              Last rebuilt
            </Text>
            <DateText ms={rebuild.rebuiltAt} size="xs" />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
