import { BarChart, LineChart } from '@mantine/charts';
import { Grid, Paper, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { MOVEMENT_KINDS, type MovementKind } from '../../../shared/analytics/formulas';
import { monthFigures } from '../../../shared/analytics/formulas-month';
import type { OverviewSearch } from '../../../shared/analytics/overview-search';
import { churnSeries, FX_LOOK, KIND_LOOK, moneyText, movementSeries, mrrSeries } from './overview-text';
import type { Overview } from './types';

const KIND_BY_LABEL = new Map<string, MovementKind>(MOVEMENT_KINDS.map((k) => [KIND_LOOK[k].label, k]));

function ChartCard({
  id,
  title,
  note,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  children: React.ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={id} h="100%">
      <Title order={4} id={id} mb={note ? 2 : 'md'}>
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed" mb="md">
          {note}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/** MRR over time, its movements stacked by kind (a bar opens its movements), and churn rates. */
export function OverviewCharts({ overview, search }: { overview: Overview; search: OverviewSearch }) {
  const navigate = useNavigate();
  const { currency } = overview;
  const money = (value: number) => moneyText(Math.round(value), currency);
  const open = (month: string | undefined, label: string) => {
    if (!month) return;
    void navigate({
      to: '/overview/movements',
      search: { ...search, from: month, to: month, kind: KIND_BY_LABEL.get(label) },
    });
  };
  const series = [...MOVEMENT_KINDS.map((k) => ({ name: KIND_LOOK[k].label, color: KIND_LOOK[k].color }))];
  if (overview.basis === 'reporting') series.push({ name: FX_LOOK.label, color: FX_LOOK.color });
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <ChartCard id="overview-mrr" title="MRR" note={`At each month's end, in ${currency}`}>
          <LineChart
            h={240}
            data={mrrSeries(overview.months)}
            dataKey="month"
            series={[{ name: 'MRR', color: 'indigo.6' }]}
            valueFormatter={money}
            curveType="linear"
            yAxisProps={{ width: 96 }}
          />
        </ChartCard>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <ChartCard
          id="overview-movements"
          title="MRR movements"
          note="Click a bar to see the movements behind it"
        >
          <BarChart
            h={240}
            data={movementSeries(overview.months)}
            dataKey="month"
            type="stacked"
            series={series}
            valueFormatter={money}
            withLegend
            yAxisProps={{ width: 96 }}
            barProps={(s) => ({
              cursor: 'pointer',
              onClick: (entry: { payload?: { key?: string } }) => open(entry.payload?.key, s.name),
            })}
          />
        </ChartCard>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <ChartCard id="overview-net-new" title="Net new MRR">
          <BarChart
            h={220}
            data={mrrSeries(overview.months)}
            dataKey="month"
            series={[{ name: 'Net new MRR', color: 'teal.6' }]}
            getBarColor={(value) => (value < 0 ? 'red.6' : 'teal.6')}
            valueFormatter={money}
            yAxisProps={{ width: 96 }}
            barProps={{
              cursor: 'pointer',
              onClick: (entry: { payload?: { key?: string } }) => open(entry.payload?.key, ''),
            }}
          />
        </ChartCard>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <ChartCard id="overview-churn" title="Churn rates" note="Per month, against the month's start">
          <LineChart
            h={220}
            data={churnSeries(overview.months.map(monthFigures))}
            dataKey="month"
            series={[
              { name: 'Customer churn', color: 'red.6' },
              { name: 'Gross MRR churn', color: 'orange.6' },
              { name: 'Net MRR churn', color: 'grape.6' },
            ]}
            valueFormatter={(value) => `${value.toFixed(1)}%`}
            withLegend
            connectNulls={false}
            yAxisProps={{ width: 56 }}
          />
        </ChartCard>
      </Grid.Col>
    </Grid>
  );
}
