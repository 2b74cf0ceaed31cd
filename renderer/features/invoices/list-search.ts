import { INVOICE_STATUSES } from '../../../shared/billing/schema';
import type { InvoiceStatus } from './status';

/** The invoices list's view in the URL: a search (number or customer) and a status. */
export interface InvoicesSearch {
  q?: string;
  status?: InvoiceStatus;
}

export function parseInvoicesSearch(raw: Record<string, unknown>): InvoicesSearch {
  const search: InvoicesSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim()) search.q = raw.q.slice(0, 200);
  if ((INVOICE_STATUSES as readonly unknown[]).includes(raw.status))
    search.status = raw.status as InvoiceStatus;
  return search;
}

export function invoiceListFilters(search: InvoicesSearch) {
  return { search: search.q ?? '', status: search.status ?? null };
}
