import { Select } from '@mantine/core';
import { INVOICE_STATUSES } from '../../../shared/billing/schema';
import { SearchInput } from '../../ui/SearchInput';
import type { InvoicesSearch } from './list-search';
import { INVOICE_STATUS_LOOK, type InvoiceStatus } from './status';

const STATUS_OPTIONS = INVOICE_STATUSES.map((status) => ({
  value: status,
  label: INVOICE_STATUS_LOOK[status].label,
}));

/** Search by number or customer, and status; each lands in the URL. */
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
    </>
  );
}
