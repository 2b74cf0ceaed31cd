import { Select, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCreditCard } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { PAYMENT_STATUSES } from '../../../shared/billing/schema';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { DataTable, type DataSource } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { SearchInput } from '../../ui/SearchInput';
import { paymentColumns } from './columns';
import { paymentListFilters, type PaymentsSearch } from './list-search';
import { PAYMENT_STATUS_LOOK, type PaymentStatus } from './status';
import type { PaymentRow } from './types';

const NOUN = { one: 'payment', other: 'payments' };
const NEWEST_FIRST = { field: 'createdAt', direction: 'desc' } as const;
const STATUS_OPTIONS = PAYMENT_STATUSES.map((status) => ({
  value: status,
  label: PAYMENT_STATUS_LOOK[status].label,
}));

export function PaymentsListPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/payments' });
  const search = useSearch({ from: '/payments' });
  useDocumentTitle('Payments · Tollgate');

  const setView = (patch: Partial<PaymentsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const { search: q, status } = paymentListFilters(search);
  const source = useMemo<DataSource<PaymentRow>>(() => {
    const view = { search: q, status };
    return {
      queryKey: trpc.payments.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.payments.list.query({ ...view, cursor, limit }),
    };
  }, [q, status, trpc, client]);

  const filtered = q !== '' || status !== null;
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Payments"
        description="Every charge attempt, with what the gateway answered."
        actions={<ExportMenu source="payments" view={{ search: q, status }} />}
      />
      <DataTable
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
        filters={
          <>
            <SearchInput
              label="Search payments"
              placeholder="Search customer name or email"
              value={q}
              onCommit={(text) => setView({ q: text || undefined })}
            />
            <Select
              aria-label="Status"
              placeholder="Any status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={(value) => setView({ status: (value as PaymentStatus | null) ?? undefined })}
              clearable
              w={170}
            />
          </>
        }
        empty={
          <>
            <IconCreditCard size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No payments match' : 'No payments yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered ? 'Try another search or status.' : 'Charges appear here as invoices are collected.'}
            </Text>
          </>
        }
      />
    </Stack>
  );
}
