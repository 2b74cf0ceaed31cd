import { Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconRepeat } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { DataTable, type DataSource } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { subscriptionColumns } from './columns';
import { subscriptionListFilters, type SubscriptionsSearch } from './list-search';
import { StripeImportButton } from './StripeImportDialog';
import { SubscriptionFilters } from './SubscriptionFilters';
import type { SubscriptionRow } from './types';

const NOUN = { one: 'subscription', other: 'subscriptions' };
/** Billing lists come newest first from the server; the header shows that order. */
const NEWEST_FIRST = { field: 'createdAt', direction: 'desc' } as const;

export function SubscriptionsListPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/subscriptions' });
  const search = useSearch({ from: '/subscriptions' });
  useDocumentTitle('Subscriptions · Tollgate');

  const setView = (patch: Partial<SubscriptionsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const { search: q, status, planId, managedBy } = subscriptionListFilters(search);
  const source = useMemo<DataSource<SubscriptionRow>>(() => {
    const view = { search: q, status, planId, managedBy };
    return {
      queryKey: trpc.subscriptions.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.subscriptions.list.query({ ...view, cursor, limit }),
    };
  }, [q, status, planId, managedBy, trpc, client]);

  const filtered = q !== '' || status !== null || planId !== null || managedBy !== null;
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Subscriptions"
        description="Who pays for which plan, and where each subscription stands."
        actions={
          <>
            <StripeImportButton />
          </>
        }
      />
      <DataTable
        exportMenu={(columns) => (
          <ExportMenu
            source="subscriptions"
            view={{ search: q, status, planId, managedBy }}
            columns={columns}
          />
        )}
        tableId="subscriptions"
        label="Subscriptions"
        columns={subscriptionColumns}
        source={source}
        getRowId={(s) => s.id}
        sort={NEWEST_FIRST}
        onSortChange={() => undefined}
        onOpenRow={(s) => void navigate({ to: '/subscriptions/$id', params: { id: s.id } })}
        noun={NOUN}
        filters={<SubscriptionFilters search={search} onChange={setView} />}
        empty={
          <>
            <IconRepeat size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No subscriptions match' : 'No subscriptions yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered
                ? 'Try another search or filter.'
                : 'Subscribe a customer from their page and it shows up here.'}
            </Text>
          </>
        }
      />
    </Stack>
  );
}
