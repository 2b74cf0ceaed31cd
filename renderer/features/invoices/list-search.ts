import { INVOICE_REFUND_FILTERS, type InvoiceRefundFilter } from '../../../shared/billing/refund-state';
import { INVOICE_STATUSES } from '../../../shared/billing/invoice-status';
import type { InvoiceStatus } from './status';

/**
 * The invoices list's view in the URL: a search (number or customer), a status, a refund
 * state, and the days of issue (`from`/`to`, both included, as `YYYY-MM-DD` in the user's time zone).
 */
export interface InvoicesSearch {
  q?: string;
  status?: InvoiceStatus;
  refund?: InvoiceRefundFilter;
  from?: string;
  to?: string;
}

const includes = <T>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

/** Local midnight starting a `YYYY-MM-DD` day, or null for anything that is not a calendar day. */
export function dayStart(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(year, month - 1, date);
  const real = at.getFullYear() === year && at.getMonth() === month - 1 && at.getDate() === date;
  return real && year >= 1970 ? at.getTime() : null;
}

/** Local midnight ending a `YYYY-MM-DD` day (the next one's start), or null. */
function dayEnd(day: string): number | null {
  const start = dayStart(day);
  if (start === null) return null;
  const at = new Date(start);
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1).getTime();
}

export function parseInvoicesSearch(raw: Record<string, unknown>): InvoicesSearch {
  const search: InvoicesSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim()) search.q = raw.q.slice(0, 200);
  if (includes(INVOICE_STATUSES, raw.status)) search.status = raw.status;
  if (includes(INVOICE_REFUND_FILTERS, raw.refund)) search.refund = raw.refund;
  if (typeof raw.from === 'string' && dayStart(raw.from) !== null) search.from = raw.from;
  if (typeof raw.to === 'string' && dayStart(raw.to) !== null) search.to = raw.to;
  return search;
}

/** The list procedure's filters for a view; a range that ends before it starts keeps only its start. */
export function invoiceListFilters(search: InvoicesSearch) {
  const issuedFrom = search.from ? dayStart(search.from) : null;
  const end = search.to ? dayEnd(search.to) : null;
  return {
    search: search.q ?? '',
    status: search.status ?? null,
    refund: search.refund ?? null,
    issuedFrom,
    issuedTo: end !== null && (issuedFrom === null || end > issuedFrom) ? end : null,
  };
}
