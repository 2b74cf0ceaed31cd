import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { monthLabel, rateText } from './revenue-text';
import type { RevenueFilters, TrialConversion } from './types';

/** Trials that ended in the Overview's months, and how many went on to pay. */
export function TrialConversionCard(filters: RevenueFilters) {
  const trpc = useTRPC();
  const report = useQuery(trpc.revenue.trialConversion.queryOptions(filters));
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="trial-conversion">
      <Title order={4} id="trial-conversion" mb="md">
        Trial conversion
      </Title>
      {report.data ? (
        <TrialBody report={report.data} />
      ) : (
        <LoadOrProblem error={report.error} what="trials" />
      )}
    </Paper>
  );
}

function TrialBody({ report }: { report: TrialConversion }) {
  const { total } = report;
  if (total.ended === 0)
    return (
      <Text size="sm" c="dimmed">
        No trial ended in these months.
      </Text>
    );
  return (
    <Stack gap="sm">
      <Group gap="xl" align="baseline">
        <Text fz={26} fw={650} className="tabular" data-testid="trial-conversion-rate">
          {rateText(total.rate)}
        </Text>
        <Text size="sm" c="dimmed">
          {formatCount(total.converted)} of {formatCount(total.converted + total.notConverted)} decided trials
          paid
          {total.pending > 0 ? `; ${formatCount(total.pending)} still collecting the first charge` : ''}
        </Text>
      </Group>
      <Table aria-label="Trials by month" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Month</Table.Th>
            <Table.Th ta="right">Ended</Table.Th>
            <Table.Th ta="right">Paid</Table.Th>
            <Table.Th ta="right">Rate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.months
            .filter((m) => m.ended > 0)
            .map((m) => (
              <Table.Tr key={m.month}>
                <Table.Td>{monthLabel(m.month)}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {formatCount(m.ended)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {formatCount(m.converted)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {rateText(m.rate)}
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
