import { Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCreditCard } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { DataTable, type DataSource } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { paymentColumns } from './columns';
import { paymentListFilters, type PaymentsSearch } from './list-search';
import { PaymentFilters } from './PaymentFilters';
import type { PaymentRow } from './types';

const NOUN = { one: 'payment', other: 'payments' };
const NEWEST_FIRST = { field: 'createdAt', direction: 'desc' } as const;

export function PaymentsListPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/payments' });
  const search = useSearch({ from: '/payments' });
  useDocumentTitle('Payments · Tollgate');

  const setView = (patch: Partial<PaymentsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const { search: q, status, createdFrom, createdTo } = paymentListFilters(search);
  const view = useMemo(
    () => ({ search: q, status, createdFrom, createdTo }),
    [q, status, createdFrom, createdTo],
  );
  const source = useMemo<DataSource<PaymentRow>>(
    () => ({
      queryKey: trpc.payments.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.payments.list.query({ ...view, cursor, limit }),
    }),
    [view, trpc, client],
  );

  const filtered = q !== '' || status !== null || createdFrom !== null || createdTo !== null;
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader title="Payments" description="Every charge attempt, with what the gateway answered." />
      <DataTable
        exportMenu={(columns) => <ExportMenu source="payments" view={view} columns={columns} />}
        tableId="payments"
        label="Payments"
        columns={paymentColumns}
        source={source}
        getRowId={(p) => p.id}
        sort={NEWEST_FIRST}
        onSortChange={() => undefined}
        // A payment belongs to an invoice; its page shows the payment with refunds and receipt.
        onOpenRow={(p) => void navigate({ to: '/invoices/$id', params: { id: p.invoiceId } })}
        noun={NOUN}
        filters={<PaymentFilters search={search} onChange={setView} />}
        empty={
          <>
            <IconCreditCard size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No payments match' : 'No payments yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered
                ? 'Try another search, status or dates.'
                : 'Charges appear here as invoices are collected.'}
            </Text>
          </>
        }
      />
    </Stack>
  );
}
