import { Button, Stack, Text } from '@mantine/core';
import { useDebouncedCallback, useDocumentTitle, useHotkeys } from '@mantine/hooks';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import type { Customer } from '../../../shared/customers/schema';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { DataTable, type DataSource, type SortState } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { customerColumns } from './columns';
import { CustomerFilters } from './CustomerFilters';
import { DEFAULT_SORT, listInputFor, type CustomersSearch } from './list-search';

const NOUN = { one: 'customer', other: 'customers' };

/** The search box follows the URL, except while the user's own typing is on its way there. */
function useSearchText(q: string, commit: (text: string) => void) {
  const [text, setText] = useState(q);
  const [seen, setSeen] = useState(q);
  if (q !== seen) {
    setSeen(q);
    if (q !== text.trim()) setText(q);
  }
  const debouncedCommit = useDebouncedCallback(commit, 150);
  const change = (next: string) => {
    setText(next);
    debouncedCommit(next.trim());
  };
  return [text, change] as const;
}

export function CustomersListPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/customers' });
  const search = useSearch({ from: '/customers' });
  const canWrite = useCan('customers.write');
  const input = listInputFor(search);
  useDocumentTitle('Customers · Tollgate');

  const setView = (patch: Partial<CustomersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const [text, setText] = useSearchText(input.search, (q) => setView({ q: q || undefined }));

  useHotkeys([['n', () => canWrite && void navigate({ to: '/customers/new' })]]);

  const { search: q, status, country } = input;
  const { field, direction } = input.sort;
  const source = useMemo<DataSource<Customer>>(() => {
    const view = { search: q, status, country, sort: { field, direction } };
    return {
      queryKey: trpc.customers.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.customers.list.query({ ...view, cursor, limit }),
    };
  }, [q, status, country, field, direction, trpc, client]);

  const onSortChange = (sort: SortState) => {
    const isDefault = sort.field === DEFAULT_SORT.field && sort.direction === DEFAULT_SORT.direction;
    setView(
      isDefault
        ? { sort: undefined, dir: undefined }
        : { sort: sort.field as CustomersSearch['sort'], dir: sort.direction },
    );
  };

  const filtered = input.search !== '' || input.country !== null || input.status !== 'active';
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Customers"
        description="Everyone who buys from your workspace."
        actions={
          <>
            {canWrite && (
              <Button
                leftSection={<IconPlus size={16} stroke={2} />}
                onClick={() => void navigate({ to: '/customers/new' })}
              >
                New customer
              </Button>
            )}
          </>
        }
      />
      <DataTable
        exportMenu={(columns) => (
          <ExportMenu
            source="customers"
            view={{ search: q, status, country, sort: { field, direction } }}
            columns={columns}
          />
        )}
        tableId="customers"
        label="Customers"
        columns={customerColumns}
        source={source}
        getRowId={(c) => c.id}
        sort={input.sort}
        onSortChange={onSortChange}
        onOpenRow={(c) => void navigate({ to: '/customers/$id', params: { id: c.id } })}
        noun={NOUN}
        filters={
          <CustomerFilters
            text={text}
            onTextChange={setText}
            status={input.status}
            onStatusChange={(status) => setView({ status: status === 'active' ? undefined : status })}
            country={input.country}
            onCountryChange={(country) => setView({ country: country ?? undefined })}
          />
        }
        empty={
          <>
            <IconUsers size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No customers match' : 'No customers yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered ? 'Try another search or filter.' : 'Customers you add will show up here.'}
            </Text>
          </>
        }
      />
    </Stack>
  );
}
