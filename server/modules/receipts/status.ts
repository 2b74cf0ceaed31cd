import { invoiceDisplayStatus } from '../../../shared/billing/refund-state';
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

/** The status a customer sees: the same rule the console shows and the invoices list filters by. */
export function receiptStatus(invoice: ReceiptData['invoice']): ReceiptStatus {
  const status = invoiceDisplayStatus(invoice);
  if (status === 'draft') throw new Error('a draft invoice has no receipt');
  return status;
}
