import { Alert, Button, Grid, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconSettings } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { monthOfTime } from '../../../shared/analytics/overview-months';
import type { Segment } from '../../../shared/analytics/overview-schema';
import { overviewViewFor, type OverviewSearch } from '../../../shared/analytics/overview-search';
import { useNow } from '../../lib/use-now';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { RecoveryRateFigure, RevenueByMonthCard, TrialConversionCard } from '../revenue';
import { CohortTable } from './CohortTable';
import { HeadlineCards } from './HeadlineCards';
import { MonthsTable } from './MonthsTable';
import { OverviewCharts } from './OverviewCharts';
import { OverviewFilters } from './OverviewFilters';
import { monthLabel } from './overview-text';
import type { Overview } from './types';

/** Why a figure may be missing: a currency with no rate into the reporting one for a day it needs. */
function MissingRates({ overview }: { overview: Overview }) {
  if (overview.missingRates.length === 0) return null;
  return (
    <Alert color="yellow" title="Exchange rates missing" data-testid="missing-rates">
      <Stack gap={4}>
        {overview.missingRates.map((m) => (
          <Text key={m.currency} size="sm">
            No {m.currency} → {m.reporting} rate on or before {m.day}: MRR in {m.reporting} is not shown for{' '}
            {m.months.map((month) => monthLabel(month)).join(', ')}. Add the rate in Analytics settings.
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function EmptyOverview() {
  return (
    <Alert color="gray" title="No MRR movements yet" data-testid="overview-empty">
      Movements are written as subscriptions start, change and end: a customer&apos;s first paid subscription
      is new business, an upgrade expansion, a cancellation churn when access ends. Trials count once they
      convert. If billing ran before analytics was set up, rebuild the movements from history in Analytics
      settings.
    </Alert>
  );
}

function OverviewBody({ overview, search }: { overview: Overview; search: OverviewSearch }) {
  if (!overview.hasMovements) return <EmptyOverview />;
  const { current, previous } = overview.headline;
  return (
    <Stack gap="lg">
      <MissingRates overview={overview} />
      <Text size="sm" c="dimmed">
        {overview.basis === 'own'
          ? `Amounts in ${overview.currency}.`
          : `Every currency converted to ${overview.currency}, the reporting currency; exchange-rate changes show as FX impact.`}
      </Text>
      {current && (
        <HeadlineCards current={current} previous={previous} currency={overview.currency} search={search} />
      )}
      <OverviewCharts overview={overview} search={search} />
      <MonthsTable overview={overview} search={search} />
      <CohortTable overview={overview} />
    </Stack>
  );
}

/** Cash beside the recurring figures: revenue by month, trial conversion and recovery, with the same filters. */
function RevenueSection({ view }: { view: { from: string; to: string; segment: Segment } }) {
  const { plan, interval, currency, country, source } = view.segment;
  const segment = {
    planId: plan ?? undefined,
    interval: interval ?? undefined,
    currency: currency ?? undefined,
    country: country ?? undefined,
    source: source ?? undefined,
  };
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <RevenueByMonthCard from={view.from} to={view.to} segment={segment} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="lg">
          <TrialConversionCard from={view.from} to={view.to} segment={segment} />
          <RecoveryRateFigure from={view.from} to={view.to} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** The home page: recurring revenue, where it came from and who is leaving, each figure traced to its movements. */
export function OverviewPage() {
  const trpc = useTRPC();
  useDocumentTitle('Overview · Tollgate');
  const navigate = useNavigate({ from: '/overview' });
  const search = useSearch({ from: '/overview' });
  const now = useNow();
  const view = overviewViewFor(search, now);
  const overview = useQuery(trpc.analytics.overview.queryOptions(view));
  const setView = (patch: Partial<OverviewSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  return (
    <Stack gap="lg">
      <PageHeader
        title="Overview"
        description="Recurring revenue, where it came from this month and who is leaving — every figure opens the movements behind it."
        actions={
          <Button
            variant="default"
            size="xs"
            leftSection={<IconSettings size={16} />}
            renderRoot={(props) => <Link to="/analytics/settings" {...props} />}
          >
            Analytics settings
          </Button>
        }
      />
      <OverviewFilters view={view} currentMonth={monthOfTime(now)} onChange={setView} />
      {overview.data ? (
        <OverviewBody overview={overview.data} search={search} />
      ) : (
        <LoadOrProblem error={overview.error} what="overview" />
      )}
      <RevenueSection view={view} />
    </Stack>
  );
}
