import { Select, TextInput } from '@mantine/core';
import type { InvoiceRefundFilter } from '../../../shared/billing/refund-state';
import { INVOICE_STATUSES } from '../../../shared/billing/invoice-status';
import { SearchInput } from '../../ui/SearchInput';
import type { InvoicesSearch } from './list-search';
import { INVOICE_STATUS_LOOK, type InvoiceStatus } from './status';

const STATUS_OPTIONS = INVOICE_STATUSES.map((status) => ({
  value: status,
  label: INVOICE_STATUS_LOOK[status].label,
}));

const REFUND_OPTIONS: { value: InvoiceRefundFilter; label: string }[] = [
  { value: 'any', label: 'Any refund' },
  { value: 'partially_refunded', label: INVOICE_STATUS_LOOK.partially_refunded.label },
  { value: 'refunded', label: 'Refunded in full' },
];

/** A day of issue, as the native date picker gives it (`YYYY-MM-DD`); empty clears it. */
function DayInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (day: string | undefined) => void;
}) {
  return (
    <TextInput
      type="date"
      aria-label={label}
      title={label}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value || undefined)}
      w={150}
    />
  );
}

/** Search by number or customer, status, refunds and days of issue; each lands in the URL. */
export function InvoiceFilters({
  search,
  onChange,
}: {
  search: InvoicesSearch;
  onChange: (patch: Partial<InvoicesSearch>) => void;
}) {
  return (
    <>
      <SearchInput
        label="Search invoices"
        placeholder="Number (INV-000012), customer name or email"
        value={search.q ?? ''}
        onCommit={(q) => onChange({ q: q || undefined })}
        width={340}
      />
      <Select
        aria-label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={search.status ?? null}
        onChange={(status) => onChange({ status: (status as InvoiceStatus | null) ?? undefined })}
        clearable
        w={170}
      />
      <Select
        aria-label="Refunds"
        placeholder="Refunded or not"
        data={REFUND_OPTIONS}
        value={search.refund ?? null}
        onChange={(refund) => onChange({ refund: (refund as InvoiceRefundFilter | null) ?? undefined })}
        clearable
        w={180}
      />
      <DayInput label="Issued from" value={search.from} onChange={(from) => onChange({ from })} />
      <DayInput label="Issued to" value={search.to} onChange={(to) => onChange({ to })} />
    </>
  );
}
