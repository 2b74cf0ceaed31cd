import { Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { PageHeader } from '../../ui/PageHeader';
import { FxRatesCard } from './FxRatesCard';
import { RebuildCard } from './RebuildCard';
import { SettingsForm } from './SettingsForm';

/** How the Overview counts: reporting currency, past-due churn, finance pack recipients, rebuilds and FX rates. */
export function AnalyticsSettingsPage() {
  useDocumentTitle('Analytics settings · Tollgate');
  const trpc = useTRPC();
  const settings = useQuery(trpc.analyticsSettings.get.queryOptions());
  return (
    <Stack gap="lg">
      <PageHeader
        title="Analytics settings"
        description="How MRR is counted and reported: the reporting currency and its exchange rates, when a past-due subscription churns, who receives the monthly finance pack. docs/analytics.md defines every figure."
      />
      {settings.data ? (
        <>
          <SettingsForm settings={settings.data} />
          <RebuildCard />
          <FxRatesCard reportingCurrency={settings.data.reportingCurrency} />
        </>
      ) : (
        <LoadOrProblem error={settings.error} what="analytics settings" />
      )}
    </Stack>
  );
}
