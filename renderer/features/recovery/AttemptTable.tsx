import { Paper, Table, Text, Title } from '@mantine/core';
import { formatCount } from '../../lib/format';
import { attemptLabel, attemptRows, moneyText } from './recovery-text';
import type { RecoveryStats } from './types';

/** Which attempt won the money back: the 2nd, the 3rd… or a payment outside the gateway. */
export function AttemptTable({ stats, currency }: { stats: RecoveryStats; currency: string }) {
  const rows = attemptRows(stats, currency);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="recovery-by-attempt">
      <Title order={4} id="recovery-by-attempt">
        Recovered by attempt
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        An attempt is a charge: attempt 1 is the one that failed, attempt 2 the first retry or a new card’s
        charge. The table below counts them the same way.
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing recovered in this period yet.
        </Text>
      ) : (
        <Table aria-labelledby="recovery-by-attempt" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Attempt</Table.Th>
              <Table.Th ta="right">Invoices</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={String(row.attempt)}>
                <Table.Td>{attemptLabel(row.attempt)}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {formatCount(row.count)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {moneyText(row.amount, currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
