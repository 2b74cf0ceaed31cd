import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { succeededInMonth } from '../payments';
import {
  chartRows,
  missingRatesText,
  monthFigures,
  monthLabel,
  moneyText,
  viewChoices,
  viewCurrency,
  viewOf,
  type RevenueView,
} from './revenue-text';
import type { RevenueByMonth, RevenueFilters } from './types';

/**
 * Cash by month for the Overview's filters: collected, refunded, disputed and net, in the
 * reporting currency or one currency's own (docs/analytics.md, "Revenue reports"), as a chart and a table.
 */
export function RevenueByMonthCard(filters: RevenueFilters) {
  const trpc = useTRPC();
  const report = useQuery(trpc.revenue.byMonth.queryOptions(filters));
  // The Overview's currency filter shows that currency's own amounts, as its other cards do.
  const [chosen, setChosen] = useState<string | null>(null);
  const choice = chosen ?? filters.segment?.currency ?? 'reporting';
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="revenue-by-month">
      <Group justify="space-between" mb="md">
        <Title order={4} id="revenue-by-month">
          Revenue by month
        </Title>
        {report.data && report.data.currencies.length > 0 && (
          <SegmentedControl
            aria-label="Revenue currency"
            size="xs"
            data={viewChoices(report.data)}
            value={choice}
            onChange={setChosen}
          />
        )}
      </Group>
      {report.data ? (
        <RevenueBody report={report.data} view={viewOf(choice)} />
      ) : (
        <LoadOrProblem error={report.error} what="revenue" />
      )}
    </Paper>
  );
}

function RevenueBody({ report, view }: { report: RevenueByMonth; view: RevenueView }) {
  const currency = viewCurrency(report, view);
  const missing = view.kind === 'reporting' ? missingRatesText(report) : null;
  if (report.currencies.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No money moved in these months.
      </Text>
    );
  return (
    <Stack gap="md">
      {missing && (
        <Alert color="yellow" title="Some exchange rates are missing" data-testid="revenue-missing-rates">
          {missing}
        </Alert>
      )}
      <BarChart
        h={260}
        data={chartRows(report, view)}
        dataKey="month"
        series={[
          { name: 'Collected', color: 'teal.6' },
          { name: 'Refunded', color: 'orange.5' },
          { name: 'Disputed', color: 'red.6' },
        ]}
        valueFormatter={(value) => moneyText(Math.round(value), currency)}
        withLegend
        tickLine="y"
        yAxisProps={{ width: 90 }}
      />
      <RevenueTable report={report} view={view} currency={currency} />
    </Stack>
  );
}

function RevenueTable({
  report,
  view,
  currency,
}: {
  report: RevenueByMonth;
  view: RevenueView;
  currency: string;
}) {
  return (
    <Table aria-label={`Revenue by month in ${currency}`} verticalSpacing="xs" data-testid="revenue-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Month</Table.Th>
          <Table.Th ta="right">Collected</Table.Th>
          <Table.Th ta="right">Refunded</Table.Th>
          <Table.Th ta="right">Disputed</Table.Th>
          <Table.Th ta="right">Net</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {monthFigures(report, view).map(({ month, figures, complete }) => (
          <Table.Tr key={month}>
            <Table.Td>
              {monthLabel(month)}
              {!complete && (
                <Text span size="xs" c="dimmed" fs="italic" ml={6} title="Some amounts have no exchange rate">
                  incomplete
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {/* The month's succeeded payments: the cash this figure counts (refunds and disputes aside). */}
              <Anchor
                size="sm"
                renderRoot={(props) => <Link {...props} to="/payments" search={succeededInMonth(month)} />}
              >
                {moneyText(figures.collected, currency)}
              </Anchor>
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {moneyText(figures.refunded, currency)}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {moneyText(figures.disputed, currency)}
            </Table.Td>
            <Table.Td ta="right" className="tabular" fw={600}>
              {moneyText(figures.net, currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
