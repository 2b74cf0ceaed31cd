import { BarChart } from '@mantine/charts';
import { Alert, Grid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { limitText, ruleText } from './policy-text';
import { Section } from './Section';
import type { MetricUsage } from './types';

/** A bar per period, the limit drawn across: what was used against what the policy allows. */
function MetricChart({ usage }: { usage: MetricUsage }) {
  const data = usage.periods.map((p) => ({ period: p.period, Used: p.quantity }));
  const latest = usage.periods.at(-1);
  return (
    <Stack gap={4} component="figure" m={0} aria-label={`${usage.metric} per period`}>
      <Text size="sm" fw={600}>
        {usage.metric}
      </Text>
      <Text size="xs" c="dimmed">
        Limit {limitText(usage.limit)} a period · {ruleText(usage.rule)}
        {latest?.alertedPercent ? ` · ${latest.alertedPercent}% alert sent for ${latest.period}` : ''}
        {latest?.billedQuantity ? ` · ${latest.billedQuantity.toLocaleString('en-US')} units billed` : ''}
      </Text>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing used yet.
        </Text>
      ) : (
        <BarChart
          h={180}
          data={data}
          dataKey="period"
          series={[{ name: 'Used', color: 'indigo.6' }]}
          referenceLines={usage.limit === null ? [] : [{ y: usage.limit, label: 'Limit', color: 'red.6' }]}
          valueFormatter={(v) => v.toLocaleString('en-US')}
        />
      )}
    </Stack>
  );
}

/** Usage per metric over the latest twelve periods, beside each metric's limit and rule. */
export function UsageSection({ licenseId }: { licenseId: string }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.licenses.usage.queryOptions({ id: licenseId, periods: 12 }));
  return (
    <Section id="license-usage" title="Usage" note="Per billing period, against the policy's limits">
      {!usage.data ? (
        <LoadOrProblem error={usage.error} what="usage" />
      ) : usage.data.length === 0 ? (
        <Alert color="gray">This policy limits no metric and the license has reported no usage.</Alert>
      ) : (
        <Grid gutter="lg">
          {usage.data.map((m) => (
            <Grid.Col key={m.metric} span={{ base: 12, lg: 6 }}>
              <MetricChart usage={m} />
            </Grid.Col>
          ))}
        </Grid>
      )}
    </Section>
  );
}
