import { Grid, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { EmailsHeldBanner } from '../emails';
import { PageHeader } from '../../ui/PageHeader';
import { AttemptTable } from './AttemptTable';
import { PolicyForm } from './PolicyForm';
import { RecoveriesTable } from './RecoveriesTable';
import { RecoveryChart } from './RecoveryChart';
import { RecoveryFigures } from './RecoveryFigures';
import { mainCurrency } from './recovery-text';
import type { RecoveryStats } from './types';

const MONTHS = 12;

/**
 * The figures of one currency at a time: the chosen one, else the one that failed most.
 * The same currency filters the table below, so the cards and the rows always agree.
 */
function StatsSection({
  stats,
  currency,
  onCurrency,
}: {
  stats: RecoveryStats;
  currency: string | null;
  onCurrency: (currency: string) => void;
}) {
  const totals = stats.totals.find((t) => t.currency === currency);
  if (!currency || !totals) {
    return (
      <Text size="sm" c="dimmed">
        No payment has failed in the last {MONTHS} months.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {stats.currencies.length > 1 && (
        <Group>
          <SegmentedControl
            aria-label="Currency"
            data={stats.currencies}
            value={currency}
            onChange={onCurrency}
            size="xs"
          />
        </Group>
      )}
      <RecoveryFigures totals={totals} months={MONTHS} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <RecoveryChart stats={stats} currency={currency} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <AttemptTable stats={stats} currency={currency} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Failed-payment recovery: how it is going, what is being collected now, and the policy. */
export function RecoveryPage() {
  const trpc = useTRPC();
  useDocumentTitle('Recovery · Tollgate');
  const stats = useQuery(trpc.recovery.stats.queryOptions({ months: MONTHS }));
  const policy = useQuery(trpc.recovery.policy.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const currency = chosen ?? (stats.data ? mainCurrency(stats.data) : null);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Recovery"
        description="Failed payments retried on schedule, what came back, and what is still being collected."
      />
      <EmailsHeldBanner />
      {stats.data ? (
        <StatsSection stats={stats.data} currency={currency} onCurrency={setChosen} />
      ) : (
        <LoadOrProblem error={stats.error} what="recovery figures" />
      )}
      <RecoveriesTable currency={currency} />
      {policy.data ? (
        <PolicyForm policy={policy.data} />
      ) : (
        <LoadOrProblem error={policy.error} what="recovery policy" />
      )}
    </Stack>
  );
}
