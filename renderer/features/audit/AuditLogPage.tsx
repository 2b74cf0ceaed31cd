import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { DataTable, type DataSource } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { actionChoicesWith, auditListFilters, entityTypeMeant, type AuditSearch } from './audit-search';
import { ChainCheckButton, ChainCheckResult, useChainCheck } from './ChainCheck';
import { auditColumns } from './columns';
import { EntryDrawer } from './EntryDrawer';
import type { AuditRow } from './types';

const NOUN = { one: 'entry', other: 'entries' };

function uniqueRefs(items: readonly { entityType: string; entityId: string }[]) {
  const seen = new Map<string, { type: string; id: string }>();
  for (const e of items) seen.set(`${e.entityType}:${e.entityId}`, { type: e.entityType, id: e.entityId });
  return [...seen.values()];
}
const NEWEST_FIRST = { field: 'seq', direction: 'desc' } as const;

export function AuditLogPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/audit' });
  const search = useSearch({ from: '/audit' });
  const [open, setOpen] = useState<AuditRow | null>(null);
  const check = useChainCheck();
  useDocumentTitle('Audit log · Tollgate');

  const setView = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const facets = useQuery(trpc.audit.facets.queryOptions());

  const filters = auditListFilters(search);
  const source = useMemo<DataSource<AuditRow>>(() => {
    const view = auditListFilters(search);
    return {
      queryKey: trpc.audit.list.infiniteQueryKey(view),
      fetchPage: async (cursor, limit) => {
        const page = await client.audit.list.query({ ...view, cursor, limit });
        // The page's objects named in one batch, not one request per row.
        const refs = uniqueRefs(page.items);
        const labels = refs.length ? await client.labels.resolve.query({ refs }) : {};
        return { ...page, items: page.items.map((e) => ({ ...e, entityLabel: labels[e.entityId] ?? null })) };
      },
    };
  }, [search, trpc, client]);

  const filtered = Object.values(filters).some((v) => v !== undefined);
  const meant = entityTypeMeant(search.action, facets.data);
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Audit log"
        description="Every change, who made it and from where. Entries are hash-chained: verify that none was altered or removed."
        actions={
          <>
            <ChainCheckButton check={check} />
          </>
        }
      />
      {check.data && <ChainCheckResult report={check.data} />}
      <DataTable
        exportMenu={(columns) => <ExportMenu source="audit" view={filters} columns={columns} />}
        tableId="audit"
        label="Audit log"
        columns={auditColumns}
        source={source}
        getRowId={(e) => e.id}
        sort={NEWEST_FIRST}
        onSortChange={() => undefined}
        onOpenRow={setOpen}
        noun={NOUN}
        filters={
          <Group gap="xs" wrap="wrap">
            <Select
              aria-label="Who"
              placeholder="Anyone"
              data={facets.data?.actors ?? []}
              value={search.actor ?? null}
              onChange={(value) => setView({ actor: value ?? undefined })}
              searchable
              clearable
              w={170}
            />
            <Select
              aria-label="Entity type"
              placeholder="Any entity"
              data={facets.data?.entityTypes ?? []}
              value={search.entityType ?? null}
              onChange={(value) => setView({ entityType: value ?? undefined, entityId: undefined })}
              clearable
              w={160}
            />
            <Select
              aria-label="Action"
              placeholder="Any action"
              data={actionChoicesWith(facets.data?.actions ?? [], search.action)}
              value={search.action ?? null}
              onChange={(value) => setView({ action: value ?? undefined })}
              searchable
              clearable
              w={220}
            />
            <TextInput
              aria-label="From day"
              type="date"
              value={search.from ?? ''}
              onChange={(event) => setView({ from: event.currentTarget.value || undefined })}
              w={150}
            />
            <TextInput
              aria-label="To day"
              type="date"
              value={search.to ?? ''}
              onChange={(event) => setView({ to: event.currentTarget.value || undefined })}
              w={150}
            />
          </Group>
        }
        empty={
          <>
            <IconHistory size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No entries match' : 'Nothing has happened yet'}</Text>
            {meant ? (
              <>
                <Text size="sm" c="dimmed" maw={460} ta="center">
                  No action is named “{search.action}”: a change to a {meant} is recorded under the command
                  that made it, such as payment.succeeded.
                </Text>
                <Button
                  variant="default"
                  size="xs"
                  // A new view, not a refinement: the other filters belonged to the question asked before.
                  onClick={() => void navigate({ search: { entityType: meant }, replace: true })}
                >
                  Show entries about {meant.replace(/_/g, ' ')}s
                </Button>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {filtered ? 'Try other filters.' : 'Changes appear here as they are made.'}
              </Text>
            )}
          </>
        }
      />
      <EntryDrawer entry={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
