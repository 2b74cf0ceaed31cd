import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { MovementKind } from '../../../shared/analytics/formulas';
import type { OverviewSearch } from '../../../shared/analytics/overview-search';
import { formatCount } from '../../lib/format';
import { fittedTable } from './fitted-table';
import { KIND_LOOK, moneyText, monthLabel } from './overview-text';
import type { Overview, OverviewMonthRow } from './types';

const KINDS: MovementKind[] = ['new', 'expansion', 'reactivation', 'contraction', 'churn'];

/** A month's amount of one kind, opening the movements behind it. */
function KindCell({
  row,
  kind,
  currency,
  search,
}: {
  row: OverviewMonthRow;
  kind: MovementKind;
  currency: string;
  search: OverviewSearch;
}) {
  const amount = row.movements[kind];
  const text = moneyText(amount, currency);
  return (
    <Table.Td ta="right">
      {amount === 0 ? (
        <Text span c="dimmed" size="sm">
          {text}
        </Text>
      ) : (
        <Anchor
          renderRoot={(props) => (
            <Link
              to="/overview/movements"
              search={{ ...search, from: row.month, to: row.month, kind }}
              {...props}
            />
          )}
          size="sm"
          aria-label={`${KIND_LOOK[kind].label} in ${monthLabel(row.month)}: ${text}, show the movements`}
          data-testid={`month-${row.month}-${kind}`}
        >
          {text}
        </Anchor>
      )}
    </Table.Td>
  );
}

/**
 * Each month reconciled: MRR at its start, every kind of movement, the FX impact, MRR at its
 * end — start + movements + FX = end — with the customer counts. The charts' figures as text.
 */
export function MonthsTable({ overview, search }: { overview: Overview; search: OverviewSearch }) {
  const { currency } = overview;
  const withFx = overview.basis === 'reporting';
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="overview-months">
      <Title order={4} id="overview-months" mb="md">
        Month by month
      </Title>
      <Table {...fittedTable} striped highlightOnHover aria-labelledby="overview-months">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Month</Table.Th>
            <Table.Th ta="right">MRR at start</Table.Th>
            {KINDS.map((k) => (
              <Table.Th key={k} ta="right">
                {KIND_LOOK[k].label}
              </Table.Th>
            ))}
            {withFx && <Table.Th ta="right">FX impact</Table.Th>}
            <Table.Th ta="right">MRR at end</Table.Th>
            <Table.Th ta="right">Customers</Table.Th>
            <Table.Th ta="right">Churned</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...overview.months].reverse().map((row) => (
            <Table.Tr key={row.month} data-testid={`month-${row.month}`}>
              <Table.Td>
                <Anchor
                  renderRoot={(props) => (
                    <Link
                      to="/overview/movements"
                      search={{ ...search, from: row.month, to: row.month }}
                      {...props}
                    />
                  )}
                  size="sm"
                >
                  {monthLabel(row.month)}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{moneyText(row.mrrStart, currency)}</Table.Td>
              {KINDS.map((k) => (
                <KindCell key={k} row={row} kind={k} currency={currency} search={search} />
              ))}
              {withFx && <Table.Td ta="right">{moneyText(row.fxImpact, currency)}</Table.Td>}
              <Table.Td ta="right" fw={600}>
                {moneyText(row.mrrEnd, currency)}
              </Table.Td>
              <Table.Td ta="right">{formatCount(row.customersEnd)}</Table.Td>
              <Table.Td ta="right">{formatCount(row.churnedCustomers)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
