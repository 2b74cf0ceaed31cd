import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../../../shared/billing/subscription-machine';
import { useTRPC } from '../../lib/trpc';
import { SearchInput } from '../../ui/SearchInput';
import { planOptions } from './catalog-options';
import type { SubscriptionsSearch } from './list-search';
import { SUBSCRIPTION_STATUS_LOOK } from './status';

const STATUS_OPTIONS = SUBSCRIPTION_STATUSES.map((status) => ({
  value: status,
  label: SUBSCRIPTION_STATUS_LOOK[status].label,
}));

const BILLED_BY_OPTIONS = [
  { value: 'tollgate', label: 'Billed by Tollgate' },
  { value: 'stripe', label: 'Stripe Billing' },
];

interface SubscriptionFiltersProps {
  search: SubscriptionsSearch;
  onChange: (patch: Partial<SubscriptionsSearch>) => void;
}

/** Search by customer, status and plan; each choice lands in the URL. */
export function SubscriptionFilters({ search, onChange }: SubscriptionFiltersProps) {
  const trpc = useTRPC();
  const catalog = useQuery({ ...trpc.catalog.overview.queryOptions(), staleTime: 60_000 });
  return (
    <>
      <SearchInput
        label="Search subscriptions"
        placeholder="Search customer name or email"
        value={search.q ?? ''}
        onCommit={(q) => onChange({ q: q || undefined })}
      />
      <Select
        aria-label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={search.status ?? null}
        onChange={(status) => onChange({ status: (status as SubscriptionStatus | null) ?? undefined })}
        clearable
        w={170}
      />
      <Select
        aria-label="Plan"
        placeholder="Any plan"
        data={catalog.data ? planOptions(catalog.data) : []}
        value={search.plan ?? null}
        onChange={(plan) => onChange({ plan: plan ?? undefined })}
        clearable
        searchable
        nothingFoundMessage={catalog.isPending ? 'Loading plans…' : 'No such plan'}
        w={190}
      />
      <Select
        aria-label="Billed by"
        placeholder="Tollgate or Stripe"
        data={BILLED_BY_OPTIONS}
        value={search.billedBy ?? null}
        onChange={(billedBy) =>
          onChange({ billedBy: (billedBy as 'tollgate' | 'stripe' | null) ?? undefined })
        }
        clearable
        w={170}
      />
    </>
  );
}
