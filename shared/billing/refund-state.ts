import type { InvoiceStatus } from './invoice-status';

/**
 * What an invoice says about itself, to staff and on its receipt. Invoices have no refunded
 * status of their own (the money moved on its payments), so a paid invoice reads as
 * partially refunded once any of what was paid came back, and as refunded once all of it
 * did. The invoices list filters by the same rule in SQL (`refundFilter` in its query).
 */
export type InvoiceDisplayStatus = InvoiceStatus | 'partially_refunded' | 'refunded';

export const INVOICE_DISPLAY_STATUSES = [
  'draft',
  'open',
  'paid',
  'partially_refunded',
  'refunded',
  'void',
  'uncollectible',
] as const satisfies readonly InvoiceDisplayStatus[];

/** The refund views of the invoices list: any refund, part of what was paid, or all of it. */
export const INVOICE_REFUND_FILTERS = ['any', 'partially_refunded', 'refunded'] as const;
export type InvoiceRefundFilter = (typeof INVOICE_REFUND_FILTERS)[number];

export function invoiceDisplayStatus(invoice: {
  status: InvoiceStatus;
  amountPaid: number;
  amountRefunded: number;
}): InvoiceDisplayStatus {
  if (invoice.status !== 'paid' || invoice.amountRefunded <= 0) return invoice.status;
  return invoice.amountRefunded >= invoice.amountPaid ? 'refunded' : 'partially_refunded';
}
