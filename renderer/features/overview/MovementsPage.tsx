import { Alert, Anchor, Badge, Button, Loader, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { overviewViewFor } from '../../../shared/analytics/overview-search';
import { countOf, formatDateTime } from '../../lib/format';
import { readServerProblem } from '../../lib/errors';
import { useNow } from '../../lib/use-now';
import { useTRPC } from '../../lib/trpc';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { plainTable } from '../../ui/plain-table';
import { causeInvoiceId, causeLabel, viewTitle } from './movement-text';
import { KIND_LOOK, moneyText } from './overview-text';
import type { MovementRow } from './types';

const PAGE = 100;
const NOUN = { one: 'movement', other: 'movements' };

function Cause({ row }: { row: MovementRow }) {
  const invoiceId = causeInvoiceId(row);
  if (invoiceId) {
    return (
      <Anchor
        size="sm"
        renderRoot={(props) => <Link to="/invoices/$id" params={{ id: invoiceId }} {...props} />}
      >
        Invoice
      </Anchor>
    );
  }
  return (
    <Text size="sm" title={row.causeId ?? undefined}>
      {causeLabel(row)}
    </Text>
  );
}

function MovementLine({ row }: { row: MovementRow }) {
  return (
    <Table.Tr data-testid={`movement-${row.id}`}>
      <Table.Td>{formatDateTime(row.effectiveAt)}</Table.Td>
      <Table.Td>
        <Anchor
          size="sm"
          renderRoot={(props) => <Link to="/customers/$id" params={{ id: row.customerId }} {...props} />}
        >
          {row.customerName}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={KIND_LOOK[row.kind].color.split('.')[0]}>
          {KIND_LOOK[row.kind].label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Anchor
          size="sm"
          data-testid="movement-subscription"
          renderRoot={(props) => (
            <Link to="/subscriptions/$id" params={{ id: row.subscriptionId }} {...props} />
          )}
        >
          {row.planName ?? row.planId} · {row.interval === 'year' ? 'yearly' : 'monthly'}
        </Anchor>
      </Table.Td>
      <Table.Td ta="right">
        {moneyText(row.subscriptionMrrBefore, row.currency)} →{' '}
        {moneyText(row.subscriptionMrrAfter, row.currency)}
      </Table.Td>
      <Table.Td ta="right" fw={600}>
        {moneyText(row.amount, row.currency)}
      </Table.Td>
      <Table.Td>
        <Cause row={row} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The movements behind an Overview figure, in the order they happened, each linked to its subscription and cause. */
export function MovementsPage() {
  const trpc = useTRPC();
  const search = useSearch({ from: '/overview/movements' });
  const now = useNow();
  const view = overviewViewFor(search, now);
  const plans = useQuery(trpc.analytics.segments.queryOptions()).data?.plans ?? [];
  const title = viewTitle(search, view, plans.find((p) => p.id === search.plan)?.name ?? null);
  useDocumentTitle(`${title} · Tollgate`);
  const movements = useInfiniteQuery(
    trpc.analytics.movements.infiniteQueryOptions(
      { ...view, kind: search.kind ?? null, cohort: search.cohort ?? null, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor, initialCursor: null },
    ),
  );
  const rows = movements.data?.pages.flatMap((p) => p.items) ?? [];
  const total = movements.data?.pages[0]?.total ?? null;
  const { kind: _kind, cohort: _cohort, ...overviewSearch } = search;
  return (
    <Stack gap="lg">
      <PageHeader
        above={
          <Anchor
            size="sm"
            c="dimmed"
            renderRoot={(props) => <Link to="/overview" search={overviewSearch} {...props} />}
          >
            ← Overview
          </Anchor>
        }
        title={title}
        actions={
          <ExportMenu
            source="movements"
            view={{ ...view, kind: search.kind ?? null, cohort: search.cohort ?? null }}
          />
        }
        description={
          total === null
            ? undefined
            : countOf(total, NOUN) + (movements.data?.pages[0]?.totalCapped ? '+' : '')
        }
      />
      {movements.isPending && <Loader aria-label="Loading movements" />}
      {movements.error && <Alert color="red">{readServerProblem(movements.error).message}</Alert>}
      {movements.data && rows.length === 0 && (
        <Text c="dimmed" size="sm">
          No movements of this kind in this range and segment.
        </Text>
      )}
      {rows.length > 0 && (
        <Paper withBorder radius="lg" p="md">
          <ScrollArea>
            <Table {...plainTable} striped highlightOnHover aria-label="Movements">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Subscription</Table.Th>
                  <Table.Th ta="right">MRR before → after</Table.Th>
                  <Table.Th ta="right">Change</Table.Th>
                  <Table.Th>Cause</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <MovementLine key={row.id} row={row} />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {movements.hasNextPage && (
            <Button
              mt="md"
              variant="default"
              size="xs"
              loading={movements.isFetchingNextPage}
              onClick={() => void movements.fetchNextPage()}
            >
              Show more
            </Button>
          )}
        </Paper>
      )}
    </Stack>
  );
}
