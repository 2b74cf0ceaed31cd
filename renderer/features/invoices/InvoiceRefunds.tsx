import { REFUND_REASON_LABELS } from '../../../shared/billing/refund-reasons';
import { MoneyMovements } from './MoneyMovements';
import type { InvoicePending } from './pending';
import type { InvoiceRefund } from './types';

const STATUS = {
  pending: { label: 'Pending', color: 'yellow' },
  succeeded: { label: 'Refunded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
} as const;

/** Money given back on this invoice, with why; a refund made here and not yet sent is marked Pending. */
export function InvoiceRefunds({
  refunds,
  waiting,
}: {
  refunds: readonly InvoiceRefund[];
  waiting?: InvoicePending;
}) {
  return (
    <MoneyMovements
      title="Refunds"
      dateHeader="Date"
      rows={refunds.map((refund) => ({
        id: refund.id,
        at: refund.createdAt,
        reason: REFUND_REASON_LABELS[refund.reason],
        status: STATUS[refund.status],
        problem: refund.failureMessage,
        amount: refund.amount,
        currency: refund.currency,
        pending: waiting?.refunds.get(refund.id),
      }))}
    />
  );
}
