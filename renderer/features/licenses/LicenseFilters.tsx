import { Button, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconX } from '@tabler/icons-react';
import { LICENSE_STATUSES, type LicenseStatus } from '../../../shared/licensing/queries-schema';
import { useTRPC } from '../../lib/trpc';
import { EXPIRY_WINDOWS, type LicensesSearch } from './list-search';
import { LICENSE_STATUS_LOOK } from './status';

const STATUS_OPTIONS = LICENSE_STATUSES.map((status) => ({
  value: status,
  label: LICENSE_STATUS_LOOK[status].label,
}));
const WINDOW_OPTIONS = EXPIRY_WINDOWS.map((days) => ({
  value: String(days),
  label: `Expiring in ${days} days`,
}));

interface LicenseFiltersProps {
  search: LicensesSearch;
  onChange: (patch: Partial<LicensesSearch>) => void;
}

/** Status, policy and expiry; a customer chosen elsewhere (their page, a license) shows as a removable chip. */
export function LicenseFilters({ search, onChange }: LicenseFiltersProps) {
  return (
    <>
      <Select
        aria-label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={search.status ?? null}
        onChange={(status) => onChange({ status: (status as LicenseStatus | null) ?? undefined })}
        clearable
        w={160}
      />
      <PolicySelect value={search.policy ?? null} onChange={(policy) => onChange({ policy })} />
      <Select
        aria-label="Expiring"
        placeholder="Any expiry"
        data={WINDOW_OPTIONS}
        value={search.within ? String(search.within) : null}
        onChange={(within) => onChange({ within: within ? Number(within) : undefined })}
        clearable
        w={200}
      />
      {search.customer && (
        <CustomerChip id={search.customer} onClear={() => onChange({ customer: undefined })} />
      )}
    </>
  );
}

/** Every policy, archived ones too: licenses issued under an archived policy still run. */
function PolicySelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (policy: string | undefined) => void;
}) {
  const trpc = useTRPC();
  const policies = useQuery({
    ...trpc.licensePolicies.list.queryOptions({ includeArchived: true }),
    staleTime: 60_000,
  });
  const options = (policies.data ?? []).map((policy) => ({
    value: policy.id,
    label: policy.archivedAt === null ? policy.name : `${policy.name} (archived)`,
  }));
  return (
    <Select
      aria-label="Policy"
      placeholder="Any policy"
      data={options}
      value={value}
      onChange={(policy) => onChange(policy ?? undefined)}
      searchable
      clearable
      nothingFoundMessage="No policy by that name"
      w={200}
    />
  );
}

function CustomerChip({ id, onClear }: { id: string; onClear: () => void }) {
  const trpc = useTRPC();
  const customer = useQuery({ ...trpc.customers.get.queryOptions({ id }), staleTime: 60_000 });
  return (
    <Button
      variant="light"
      size="xs"
      rightSection={<IconX size={14} aria-hidden />}
      onClick={onClear}
      aria-label={`Show every customer's licenses, not only ${customer.data?.name ?? 'this customer'}'s`}
    >
      {customer.data?.name ?? 'One customer'}
    </Button>
  );
}
