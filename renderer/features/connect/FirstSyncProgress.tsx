import { Progress, Stack, Text } from '@mantine/core';
import { progressPercent } from './labels';
import type { ConnectionStatus } from './types';

/** The first sync's progress while the replica fills, shown under whichever form started it. */
export function FirstSyncProgress({ status, pending }: { status: ConnectionStatus; pending: boolean }) {
  const percent = progressPercent(status.progress);
  if (!pending || percent === null) return null;
  return (
    <Stack gap={4}>
      <Text size="sm">
        First sync: {status.progress?.done.toLocaleString()} of {status.progress?.total.toLocaleString()} rows
      </Text>
      <Progress value={percent} aria-label="First sync progress" />
    </Stack>
  );
}
