import { BarChart } from '@mantine/charts';
import { Paper, Title } from '@mantine/core';
import { moneyText, monthlySeries } from './recovery-text';
import type { RecoveryStats } from './types';

/** Failed and recovered amounts by month of the first failure, in one currency. */
export function RecoveryChart({ stats, currency }: { stats: RecoveryStats; currency: string }) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="recovery-by-month">
      <Title order={4} id="recovery-by-month" mb="md">
        By month of first failure
      </Title>
      <BarChart
        h={260}
        data={monthlySeries(stats, currency)}
        dataKey="month"
        series={[
          { name: 'Failed', color: 'red.5' },
          { name: 'Recovered', color: 'teal.6' },
        ]}
        valueFormatter={(value) => moneyText(Math.round(value), currency)}
        withLegend
        tickLine="y"
        yAxisProps={{ width: 90 }}
      />
    </Paper>
  );
}
