import type { ReceiptData } from './types';

export type ReceiptStatus = 'paid' | 'partially_refunded' | 'refunded' | 'open' | 'void' | 'uncollectible';

export const RECEIPT_STATUS_LABELS: Record<ReceiptStatus, string> = {
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  open: 'Open',
  void: 'Void',
  uncollectible: 'Uncollectible',
};

/**
 * The status a customer sees. Invoices have no "refunded" state of their own, so a paid
 * invoice counts as refunded once refunds cover everything that was paid.
 */
export function receiptStatus(invoice: ReceiptData['invoice']): ReceiptStatus {
  switch (invoice.status) {
    case 'paid':
      if (invoice.amountRefunded <= 0) return 'paid';
      return invoice.amountRefunded >= invoice.amountPaid ? 'refunded' : 'partially_refunded';
    case 'open':
    case 'void':
    case 'uncollectible':
      return invoice.status;
  }
}
