import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { moneyText, rateText } from './revenue-text';
import type { RevenueFilters } from './types';

/**
 * The Recovery page's rate for the Overview's months, per currency (amounts in different
 * currencies are never added up), linking to the Recovery page whose figures it repeats.
 */
export function RecoveryRateFigure({ from, to }: Pick<RevenueFilters, 'from' | 'to'>) {
  const trpc = useTRPC();
  const rate = useQuery(trpc.revenue.recoveryRate.queryOptions({ from, to }));
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-label="Recovery rate">
      <Stack gap={2}>
        <Group justify="space-between">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Recovery rate
          </Text>
          <Anchor component={Link} to="/recovery" size="xs">
            Recovery
          </Anchor>
        </Group>
        {!rate.data ? (
          <LoadOrProblem error={rate.error} what="recovery rate" />
        ) : rate.data.currencies.length === 0 ? (
          <Text fz={26} fw={650} data-testid="recovery-rate">
            —
          </Text>
        ) : (
          rate.data.currencies.map((c) => (
            <Group key={c.currency} gap="sm" align="baseline">
              <Text fz={26} fw={650} className="tabular" data-testid={`recovery-rate-${c.currency}`}>
                {rateText(c.rate)}
              </Text>
              <Text size="xs" c="dimmed">
                {moneyText(c.recoveredAmount, c.currency)} recovered, {moneyText(c.lostAmount, c.currency)}{' '}
                lost
              </Text>
            </Group>
          ))
        )}
      </Stack>
    </Paper>
  );
}
