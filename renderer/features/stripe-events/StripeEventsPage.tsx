import { Select, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconWebhook } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import {
  HANDLED_STRIPE_EVENT_TYPES,
  STRIPE_EVENT_STATUSES,
  type StripeEventStatus,
} from '../../../shared/stripe-events/schema';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { DataTable, type DataSource } from '../../ui/data-table';
import { PageHeader } from '../../ui/PageHeader';
import { ExportMenu } from '../exports';
import { stripeEventColumns } from './columns';
import { EndpointSettings } from './EndpointSettings';
import {
  SINCE_RANGES,
  stripeEventListFilters,
  type SinceRange,
  type StripeEventsSearch,
} from './list-search';
import { EVENT_STATUS_LOOK } from './status';
import type { StripeEventRow } from './types';

const NOUN = { one: 'event', other: 'events' };
const NEWEST_FIRST = { field: 'receivedAt', direction: 'desc' } as const;
const STATUS_OPTIONS = STRIPE_EVENT_STATUSES.map((s) => ({ value: s, label: EVENT_STATUS_LOOK[s].label }));
const TYPE_OPTIONS = [...HANDLED_STRIPE_EVENT_TYPES].sort();
const SINCE_OPTIONS = Object.entries(SINCE_RANGES).map(([value, r]) => ({ value, label: r.label }));

/** The Stripe webhook inbox: every event received, what became of it, and the endpoint's settings. */
export function StripeEventsPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate({ from: '/stripe-events' });
  const search = useSearch({ from: '/stripe-events' });
  useDocumentTitle('Stripe events · Tollgate');

  const setView = (patch: Partial<StripeEventsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  // "Since" counts back from when the page opened or the range was chosen, so the list's
  // key stays put while paging.
  const [anchor, setAnchor] = useState(() => Date.now());
  const source = useMemo<DataSource<StripeEventRow>>(() => {
    const view = stripeEventListFilters(
      { status: search.status, type: search.type, since: search.since },
      anchor,
    );
    return {
      queryKey: trpc.stripeEvents.list.infiniteQueryKey(view),
      fetchPage: (cursor, limit) => client.stripeEvents.list.query({ ...view, cursor, limit }),
    };
  }, [search.status, search.type, search.since, anchor, trpc, client]);

  const filtered = Boolean(search.status ?? search.type ?? search.since);
  return (
    <Stack gap="md" h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--mantine-spacing-lg))">
      <PageHeader
        title="Stripe events"
        description="Events Stripe sent, stored once each, and whether Tollgate applied them."
      />
      <EndpointSettings />
      <DataTable
        exportMenu={(columns) => (
          <ExportMenu
            source="stripeEvents"
            view={stripeEventListFilters(
              { status: search.status, type: search.type, since: search.since },
              anchor,
            )}
            columns={columns}
          />
        )}
        tableId="webhook-events"
        label="Stripe events"
        columns={stripeEventColumns}
        source={source}
        getRowId={(e) => e.id}
        sort={NEWEST_FIRST}
        onSortChange={() => undefined}
        onOpenRow={(e) => void navigate({ to: '/stripe-events/$id', params: { id: e.id } })}
        noun={NOUN}
        filters={
          <>
            <Select
              aria-label="Status"
              placeholder="Any status"
              data={STATUS_OPTIONS}
              value={search.status ?? null}
              onChange={(value) => setView({ status: (value as StripeEventStatus | null) ?? undefined })}
              clearable
              w={170}
            />
            <Select
              aria-label="Type"
              placeholder="Any type"
              data={TYPE_OPTIONS}
              value={search.type ?? null}
              onChange={(value) => setView({ type: value ?? undefined })}
              searchable
              clearable
              w={280}
            />
            <Select
              aria-label="Received"
              placeholder="Any time"
              data={SINCE_OPTIONS}
              value={search.since ?? null}
              onChange={(value) => {
                setAnchor(Date.now());
                setView({ since: (value as SinceRange | null) ?? undefined });
              }}
              clearable
              w={160}
            />
          </>
        }
        empty={
          <>
            <IconWebhook size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text fw={600}>{filtered ? 'No events match' : 'No events yet'}</Text>
            <Text size="sm" c="dimmed">
              {filtered
                ? 'Try another status, type or time.'
                : 'Events appear here as Stripe delivers them to the endpoint above.'}
            </Text>
          </>
        }
      />
    </Stack>
  );
}
