import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format';
import { MoneyText } from '../../ui/MoneyText';
import { WithPending } from '../../ui/PendingBadge';
import { plainTable } from '../../ui/plain-table';

/** One row of money moving on an invoice after payment: a refund, a dispute. */
export interface MoneyMovement {
  id: string;
  at: number;
  reason: string;
  status: { label: string; color: string };
  /** Shown under the status, e.g. why a refund failed. */
  problem?: string | null;
  amount: number;
  currency: string;
  /** Commands made here, not yet confirmed by the server, that this row shows. */
  pending?: string[];
}

/** A titled section listing refunds or disputes: when, why, where it stands, how much. */
export function MoneyMovements(props: {
  title: string;
  dateHeader: string;
  intro?: ReactNode;
  rows: readonly MoneyMovement[];
}) {
  if (props.rows.length === 0) return null;
  const titleId = `${props.title.toLowerCase()}-title`;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={titleId}>
      <Title order={4} id={titleId} mb={props.intro ? 0 : 'sm'}>
        {props.title}
      </Title>
      {props.intro && (
        <Text size="sm" c="dimmed" mb="sm">
          {props.intro}
        </Text>
      )}
      <Table {...plainTable} aria-label={props.title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{props.dateHeader}</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                <Text size="sm" className="tabular">
                  {formatDateTime(row.at)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.reason}</Text>
              </Table.Td>
              <Table.Td>
                <WithPending labels={row.pending ?? []}>
                  <Badge size="sm" color={row.status.color}>
                    {row.status.label}
                  </Badge>
                </WithPending>
                {row.problem && (
                  <Text size="xs" c="red">
                    {row.problem}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText amount={row.amount} currency={row.currency} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
