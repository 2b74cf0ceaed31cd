import { Anchor, Paper, SegmentedControl, Group, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { basisPointsOf } from '../../../shared/analytics/formulas';
import { formatCount } from '../../lib/format';
import { fittedTable } from './fitted-table';
import { moneyText, monthLabel, percentText } from './overview-text';
import type { CohortRow, Overview } from './types';

type Measure = 'customers' | 'mrr';

/** A year of months after each cohort's first: what fits across a laptop's window. */
const MAX_OFFSETS = 12;

/** A cell's shade: the retention's strength, capped at 100 % (net MRR retention can pass it). */
function shade(bp: number | null): string | undefined {
  if (bp === null) return undefined;
  const alpha = Math.max(0, Math.min(bp, 10_000)) / 10_000;
  return `rgba(34, 139, 230, ${(0.06 + alpha * 0.36).toFixed(3)})`;
}

function CohortCells({
  row,
  measure,
  width,
  currency,
  ownCurrency,
}: {
  row: CohortRow;
  measure: Measure;
  width: number;
  currency: string;
  /** The currency filter, which the drill-down keeps (cohorts follow no other filter). */
  ownCurrency: string | undefined;
}) {
  return (
    <>
      {Array.from({ length: width }, (_, offset) => {
        const cell = row.months[offset];
        if (!cell) return <Table.Td key={offset} />;
        const ratio = measure === 'customers' ? cell.customerRetention : cell.mrrRetention;
        const amount = measure === 'customers' ? formatCount(cell.customers) : moneyText(cell.mrr, currency);
        return (
          <Table.Td
            key={offset}
            ta="center"
            style={{ background: shade(basisPointsOf(ratio)) }}
            title={amount}
          >
            {/* The cohort's movements up to this month: what the cell adds up. */}
            <Anchor
              size="xs"
              fw={600}
              c="var(--mantine-color-text)"
              underline="hover"
              aria-label={`Cohort of ${monthLabel(row.cohort)} in ${monthLabel(cell.month)}: ${percentText(ratio)}, ${amount}; show its movements`}
              renderRoot={(props) => (
                <Link
                  to="/overview/movements"
                  search={{ from: row.cohort, to: cell.month, cohort: row.cohort, currency: ownCurrency }}
                  {...props}
                />
              )}
            >
              {percentText(ratio)}
            </Anchor>
            <Text size="xs" span display="block">
              {amount}
            </Text>
          </Table.Td>
        );
      })}
    </>
  );
}

/** Cohort retention by first payment month: what remains of each month's new customers, and of their MRR. */
export function CohortTable({ overview }: { overview: Overview }) {
  const [measure, setMeasure] = useState<Measure>('customers');
  const width = Math.min(overview.cohorts[0]?.months.length ?? 0, MAX_OFFSETS);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="overview-cohorts">
      <Group justify="space-between" mb="xs">
        <Title order={4} id="overview-cohorts">
          Cohort retention
        </Title>
        <SegmentedControl
          size="xs"
          aria-label="Retention of"
          value={measure}
          onChange={(value) => setMeasure(value as Measure)}
          data={[
            { value: 'customers', label: 'Customers' },
            { value: 'mrr', label: 'Net MRR' },
          ]}
        />
      </Group>
      <Text size="xs" c="dimmed" mb="md">
        Each row is the customers whose first paying month it is; each column a month later, against the end
        of their first month.
        {!overview.cohortsSegmented &&
          ' Cohorts follow the currency filter only: plan, interval, country and source do not apply.'}
      </Text>
      <Table {...fittedTable} withTableBorder withColumnBorders aria-labelledby="overview-cohorts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cohort</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            {Array.from({ length: width }, (_, offset) => (
              <Table.Th key={offset} ta="center">
                Month {offset}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.cohorts.map((row) => (
            <Table.Tr key={row.cohort}>
              <Table.Th scope="row">{monthLabel(row.cohort)}</Table.Th>
              <Table.Td ta="right">
                {measure === 'customers'
                  ? formatCount(row.startCustomers)
                  : moneyText(row.startMrr, overview.currency)}
              </Table.Td>
              <CohortCells
                row={row}
                measure={measure}
                width={width}
                currency={overview.currency}
                ownCurrency={overview.basis === 'own' ? overview.currency : undefined}
              />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
