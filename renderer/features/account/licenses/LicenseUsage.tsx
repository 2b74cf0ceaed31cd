import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { formatCount } from '../../../lib/format';
import type { AccountLicenseDetail } from '../types';

type Metric = AccountLicenseDetail['usage'][number];

const RULE_TEXT: Record<string, string> = {
  BLOCK: 'stops at the limit',
  BILL: 'billed past the limit',
  ALLOW_MULTIPLE: 'allowed past the limit, up to a multiple',
};

/** Percent of the limit used, for the bar (capped at 100); null without a limit. */
export function usedPercent(used: number, limit: number | null): number | null {
  if (limit === null || limit <= 0) return null;
  return Math.min(100, Math.round((used / limit) * 100));
}

/** Per metric: this period's total against its limit, as a bar, and the earlier periods' totals. */
export function LicenseUsage({ usage }: { usage: readonly Metric[] }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Usage">
      <Title order={3} fz="lg" mb="sm">
        Usage
      </Title>
      {usage.length === 0 ? (
        <Text size="sm" c="dimmed">
          This license measures no usage.
        </Text>
      ) : (
        <Stack gap="md">
          {usage.map((m) => {
            const percent = usedPercent(m.used, m.limit);
            const over = m.limit !== null && m.used > m.limit;
            return (
              <Stack key={m.metric} gap={4}>
                <Group justify="space-between">
                  <Text size="sm" fw={600}>
                    {m.metric.replace(/_/g, ' ')}
                  </Text>
                  <Text size="sm" c={over ? 'red' : undefined}>
                    {formatCount(m.used)}
                    {m.limit === null ? '' : ` / ${formatCount(m.limit)}`}
                    {m.period ? ` in ${m.period}` : ''}
                  </Text>
                </Group>
                {percent !== null && (
                  <Progress
                    value={percent}
                    color={over ? 'red' : percent >= 80 ? 'orange' : 'teal'}
                    aria-label={`${m.metric} used of its limit`}
                  />
                )}
                <Text size="xs" c="dimmed">
                  {m.rule ? RULE_TEXT[m.rule] : 'no limit'}
                  {m.history.length > 1
                    ? ` · earlier: ${m.history
                        .slice(0, -1)
                        .map((h) => `${h.period} ${formatCount(h.quantity)}`)
                        .join(', ')}`
                    : ''}
                </Text>
              </Stack>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
