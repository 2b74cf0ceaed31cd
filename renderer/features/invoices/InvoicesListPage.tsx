import { Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconFileInvoice } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { DataTable, type DataSource } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { invoiceColumns } from './columns';
import { InvoiceFilters } from './InvoiceFilters';
import { invoiceListFilters, type InvoicesSearch } from './list-search';
import { NewInvoiceButton } from './NewInvoiceButton';
import type { InvoiceRow } from './types';

const NOUN = { one: 'invoice', other: 'invoices' };
const NEWEST_FIRST = { field: 'createdAt', direction: 'desc' } as const;

export function InvoicesListPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/invoices' });
  const search = useSearch({ from: '/invoices' });
  useDocumentTitle('Invoices · Tollgate');

  const setView = (patch: Partial<InvoicesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const { search: q, status, refund, issuedFrom, issuedTo } = invoiceListFilters(search);
  const source = useMemo<DataSource<InvoiceRow>>(() => {
    const view = { search: q, status, refund, issuedFrom, issuedTo };
    return {
      queryKey: trpc.invoices.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.invoices.list.query({ ...view, cursor, limit }),
    };
  }, [q, status, refund, issuedFrom, issuedTo, trpc, client]);

  const filtered = q !== '' || status !== null || refund !== null || issuedFrom !== null || issuedTo !== null;
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Invoices"
        description="Every invoice issued: renewals, plan changes and one-off charges."
        actions={
          <>
            <NewInvoiceButton />
          </>
        }
      />
      <DataTable
        exportMenu={(columns) => (
          <ExportMenu
            source="invoices"
            view={{ search: q, status, refund, issuedFrom, issuedTo }}
            columns={columns}
          />
        )}
        tableId="invoices"
        label="Invoices"
        columns={invoiceColumns}
        source={source}
        getRowId={(i) => i.id}
        sort={NEWEST_FIRST}
        onSortChange={() => undefined}
        onOpenRow={(i) => void navigate({ to: '/invoices/$id', params: { id: i.id } })}
        noun={NOUN}
        filters={<InvoiceFilters search={search} onChange={setView} />}
        empty={
          <>
            <IconFileInvoice size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No invoices match' : 'No invoices yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered
                ? 'Try another search, status, refund or dates.'
                : 'Invoices appear as subscriptions bill.'}
            </Text>
          </>
        }
      />
    </Stack>
  );
}
