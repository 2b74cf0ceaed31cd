import type { PendingIndex } from '../../lib/offline/pending-index';

/** What waits for the server on one invoice page, as the badges beside its amounts need it. */
export interface InvoicePending {
  /** Commands on the invoice itself (Pay now, a manual invoice not yet numbered). */
  invoice: string[];
  /** Refunds made here and not yet confirmed, by refund id. */
  refunds: Map<string, string[]>;
  /** Those refunds' commands by the payment they refund. */
  paymentRefunds: Map<string, string[]>;
  /** Every refund command on the invoice: the "Refunded" total waits with them. */
  anyRefund: string[];
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
  const anyRefund: string[] = [];
  for (const refund of detail.refunds) {
    const labels = pending.row('refunds', refund.id);
    if (labels.length === 0) continue;
    refunds.set(refund.id, labels);
    paymentRefunds.set(refund.paymentId, [...(paymentRefunds.get(refund.paymentId) ?? []), ...labels]);
    anyRefund.push(...labels);
  }
  const invoice = [
    ...pending.row('invoices', detail.invoice.id),
    ...detail.payments.flatMap((payment) => pending.row('payments', payment.id)),
  ];
  return { invoice, refunds, paymentRefunds, anyRefund };
}
