import { Divider, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { DateText } from '../../ui/DateText';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { plainTable } from '../../ui/plain-table';
import { FxImport } from './FxImport';
import { FxRateForm } from './FxRateForm';

const SHOWN = 200;

/** The workspace's exchange rates, newest day first, with the add form and the CSV import. */
export function FxRatesCard({ reportingCurrency }: { reportingCurrency: string }) {
  const trpc = useTRPC();
  const canWrite = useCan('billing.write');
  const rates = useQuery(trpc.analyticsSettings.fxRates.queryOptions({ limit: SHOWN }));
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="fx-rates">
      <Stack gap="md">
        <Title order={4} id="fx-rates">
          Exchange rates
        </Title>
        <Text size="sm" c="dimmed">
          A movement converts into {reportingCurrency} at the latest rate of its day or before; without one it
          counts only in its own currency.
        </Text>
        {canWrite && (
          <>
            <FxRateForm reportingCurrency={reportingCurrency} />
            <FxImport />
            <Divider />
          </>
        )}
        {!rates.data ? (
          <LoadOrProblem error={rates.error} what="exchange rates" />
        ) : rates.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No rates yet.
          </Text>
        ) : (
          <Table {...plainTable} aria-label="Exchange rates" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th>Pair</Table.Th>
                <Table.Th ta="right">Rate</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rates.data.map((rate) => (
                <Table.Tr key={`${rate.day} ${rate.base} ${rate.quote}`}>
                  <Table.Td>{rate.day}</Table.Td>
                  <Table.Td>
                    {rate.base} → {rate.quote}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {rate.rate}
                  </Table.Td>
                  <Table.Td>{rate.source === 'imported' ? 'Imported' : 'Entered'}</Table.Td>
                  <Table.Td>
                    <DateText ms={rate.updatedAt} size="sm" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {rates.data?.length === SHOWN && (
          <Text size="xs" c="dimmed">
            The newest {SHOWN} rates.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
