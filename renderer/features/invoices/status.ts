import type { InvoiceDisplayStatus } from '../../../shared/billing/refund-state';
import type { InvoiceStatus } from '../../../shared/billing/invoice-status';

export type { InvoiceStatus };

/**
 * How each invoice status reads: paid is green, open waits (blue), uncollectible is a loss (red);
 * refunds (derived from the amounts, as the receipt does) read as their own states.
 */
export const INVOICE_STATUS_LOOK: Record<InvoiceDisplayStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  open: { label: 'Open', color: 'blue' },
  paid: { label: 'Paid', color: 'teal' },
  partially_refunded: { label: 'Partially refunded', color: 'violet' },
  refunded: { label: 'Refunded', color: 'gray' },
  void: { label: 'Void', color: 'dark' },
  uncollectible: { label: 'Uncollectible', color: 'red' },
};

/** What the invoice was for, in the words staff use. */
export const BILLING_REASON_LABELS: Record<string, string> = {
  subscription_create: 'First invoice of a subscription',
  subscription_cycle: 'Renewal',
  subscription_update: 'Plan change (proration)',
  manual: 'One-off invoice',
};
