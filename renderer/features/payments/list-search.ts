import { PAYMENT_STATUSES } from '../../../shared/billing/schema';
import type { PaymentStatus } from './status';

/** The payments list's view in the URL: a customer search and a status. */
export interface PaymentsSearch {
  q?: string;
  status?: PaymentStatus;
}

export function parsePaymentsSearch(raw: Record<string, unknown>): PaymentsSearch {
  const search: PaymentsSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim()) search.q = raw.q.slice(0, 200);
  if ((PAYMENT_STATUSES as readonly unknown[]).includes(raw.status))
    search.status = raw.status as PaymentStatus;
  return search;
}

export function paymentListFilters(search: PaymentsSearch) {
  return { search: search.q ?? '', status: search.status ?? null };
}
