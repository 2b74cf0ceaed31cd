import type { Invoice } from './types';

/** What is still to collect: only an open invoice is owed, after what was already paid. */
export function amountStillDue(invoice: Pick<Invoice, 'status' | 'amountDue' | 'amountPaid'>): number {
  return invoice.status === 'open' ? Math.max(invoice.amountDue - invoice.amountPaid, 0) : 0;
}
