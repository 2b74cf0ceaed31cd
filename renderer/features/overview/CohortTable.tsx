import { Paper, ScrollArea, SegmentedControl, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { basisPointsOf } from '../../../shared/analytics/formulas';
import { formatCount } from '../../lib/format';
import { plainTable } from '../../ui/plain-table';
import { moneyText, monthLabel, percentText } from './overview-text';
import type { CohortRow, Overview } from './types';

type Measure = 'customers' | 'mrr';

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
}: {
  row: CohortRow;
  measure: Measure;
  width: number;
  currency: string;
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
            <Text size="xs" fw={600} span>
              {percentText(ratio)}
            </Text>
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
  const width = overview.cohorts[0]?.months.length ?? 0;
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
      <ScrollArea>
        <Table {...plainTable} withTableBorder withColumnBorders aria-labelledby="overview-cohorts">
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
                <CohortCells row={row} measure={measure} width={width} currency={overview.currency} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
