import { Button, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLicense } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useNow } from '../../lib/use-now';
import { DataTable, type DataSource, type SortState } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { licenseColumns } from './columns';
import { IssueLicenseButton } from './IssueLicenseDialog';
import { LicenseFilters } from './LicenseFilters';
import { DEFAULT_SORT, licenseListInput, startOfDay, type LicensesSearch } from './list-search';
import type { LicenseRow } from './types';

const NOUN = { one: 'license', other: 'licenses' };

export function LicensesListPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/licenses' });
  const search = useSearch({ from: '/licenses' });
  const today = startOfDay(useNow());
  useDocumentTitle('Licenses · Tollgate');

  const setView = (patch: Partial<LicensesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const view = useMemo(() => licenseListInput(search, today), [search, today]);
  const source = useMemo<DataSource<LicenseRow>>(
    () => ({
      queryKey: trpc.licenses.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.licenses.list.query({ ...view, cursor, limit }),
    }),
    [view, trpc, client],
  );
  const onSortChange = (sort: SortState) => {
    const isDefault = sort.field === DEFAULT_SORT.field && sort.direction === DEFAULT_SORT.direction;
    setView(
      isDefault
        ? { sort: undefined, dir: undefined }
        : { sort: sort.field as LicensesSearch['sort'], dir: sort.direction },
    );
  };

  const filtered = Object.keys(search).some((k) => k !== 'sort' && k !== 'dir');
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Licenses"
        description="Who may run the product, on how many machines and seats, and until when."
        actions={
          <>
            <Button variant="default" component={Link} to="/licenses/policies">
              Policies
            </Button>
            <IssueLicenseButton />
          </>
        }
      />
      <DataTable
        exportMenu={(columns) => <ExportMenu source="licenses" view={view} columns={columns} />}
        tableId="licenses"
        label="Licenses"
        columns={licenseColumns}
        source={source}
        getRowId={(l) => l.id}
        sort={view.sort}
        onSortChange={onSortChange}
        onOpenRow={(l) => void navigate({ to: '/licenses/$id', params: { id: l.id } })}
        noun={NOUN}
        filters={<LicenseFilters search={search} onChange={setView} />}
        empty={
          <>
            <IconLicense size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No licenses match' : 'No licenses yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered
                ? 'Try another filter.'
                : 'Issue a license to an enterprise customer under one of your policies.'}
            </Text>
          </>
        }
      />
    </Stack>
  );
}
