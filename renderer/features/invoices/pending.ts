import type { PendingIndex } from '../../lib/offline/pending-index';

/** What waits for the server on one invoice page, as the badges beside its amounts need it. */
export interface InvoicePending {
  /** Every command touching the invoice row (Pay now, a refund on it, a manual invoice not yet numbered). */
  invoice: string[];
  /** Charges made here and not yet confirmed (Pay now's pending attempt): what is paid and due waits on them. */
  charges: string[];
  /** Refunds made here: the invoice's "Refunded" total counts them. */
  refunded: string[];
  /** Those refunds by refund id, for their rows. */
  refunds: Map<string, string[]>;
  /** And by the payment they refund, for its "Refunded" amount. */
  paymentRefunds: Map<string, string[]>;
}

/** Reads the pending marks for an invoice, its payments and its refunds. */
export function invoicePending(
  pending: PendingIndex,
  detail: {
    invoice: { id: string };
    payments: readonly { id: string }[];
    refunds: readonly { id: string; paymentId: string }[];
  },
): InvoicePending {
  const refunds = new Map<string, string[]>();
  const paymentRefunds = new Map<string, string[]>();
  const refunded: string[] = [];
  for (const refund of detail.refunds) {
    const labels = pending.row('refunds', refund.id);
    if (labels.length === 0) continue;
    refunds.set(refund.id, labels);
    paymentRefunds.set(refund.paymentId, [...(paymentRefunds.get(refund.paymentId) ?? []), ...labels]);
    refunded.push(...labels);
  }
  // A refund only changes a payment's refunded amount; a charge made here is a whole new payment.
  const charges = detail.payments
    .filter((payment) => pending.field('payments', payment.id, 'status'))
    .flatMap((payment) => pending.row('payments', payment.id));
  const unique = (labels: string[]) => [...new Set(labels)];
  return {
    invoice: pending.row('invoices', detail.invoice.id),
    charges: unique(charges),
    refunded: unique(refunded),
    refunds,
    paymentRefunds,
  };
}
