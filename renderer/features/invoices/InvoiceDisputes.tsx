import { disputeStatusColor, disputeWords } from './dispute-labels';
import { MoneyMovements } from './MoneyMovements';
import type { InvoiceDetail } from './types';

type InvoiceDispute = InvoiceDetail['disputes'][number];

/** Chargebacks opened against this invoice's payments, as Stripe reported them. */
export function InvoiceDisputes({ disputes }: { disputes: readonly InvoiceDispute[] }) {
  return (
    <MoneyMovements
      title="Disputes"
      dateHeader="Opened"
      intro="The cardholder’s bank is reclaiming this money. Answer with evidence in Stripe’s dashboard."
      rows={disputes.map((dispute) => ({
        id: dispute.id,
        at: dispute.openedAt,
        reason: disputeWords(dispute.reason),
        status: { label: disputeWords(dispute.status), color: disputeStatusColor(dispute.status) },
        amount: dispute.amount,
        currency: dispute.currency,
      }))}
    />
  );
}
