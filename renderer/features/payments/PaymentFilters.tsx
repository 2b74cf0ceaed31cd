import { Select, TextInput } from '@mantine/core';
import { PAYMENT_STATUSES } from '../../../shared/billing/schema';
import { SearchInput } from '../../ui/SearchInput';
import { isReversed, type PaymentsSearch } from './list-search';
import { PAYMENT_STATUS_LOOK, type PaymentStatus } from './status';

const STATUS_OPTIONS = PAYMENT_STATUSES.map((status) => ({
  value: status,
  label: PAYMENT_STATUS_LOOK[status].label,
}));

/**
 * A day of creation (UTC), as the native date picker gives it (`YYYY-MM-DD`); empty clears it.
 * A month in the URL (`YYYY-MM`) is shown as its first day.
 */
function DayInput({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: string | undefined;
  error?: string;
  onChange: (day: string | undefined) => void;
}) {
  const shown = value && /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : (value ?? '');
  return (
    <TextInput
      type="date"
      aria-label={label}
      title={`${label} (UTC)`}
      value={shown}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value || undefined)}
      w={150}
    />
  );
}

/** Search by customer, status and days of creation (UTC); each lands in the URL. */
export function PaymentFilters({
  search,
  onChange,
}: {
  search: PaymentsSearch;
  onChange: (patch: Partial<PaymentsSearch>) => void;
}) {
  return (
    <>
      <SearchInput
        label="Search payments"
        placeholder="Search customer name or email"
        value={search.q ?? ''}
        onCommit={(text) => onChange({ q: text || undefined })}
      />
      <Select
        aria-label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={search.status ?? null}
        onChange={(value) => onChange({ status: (value as PaymentStatus | null) ?? undefined })}
        clearable
        w={170}
      />
      <DayInput label="Created from" value={search.from} onChange={(from) => onChange({ from })} />
      <DayInput
        label="Created to"
        value={search.to}
        error={isReversed(search) ? 'Before “Created from”: ignored' : undefined}
        onChange={(to) => onChange({ to })}
      />
    </>
  );
}
