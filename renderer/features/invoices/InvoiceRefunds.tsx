import { REFUND_REASON_LABELS } from '../../../shared/billing/refund-reasons';
import { MoneyMovements } from './MoneyMovements';
import type { InvoiceRefund } from './types';

const STATUS = {
  pending: { label: 'Pending', color: 'yellow' },
  succeeded: { label: 'Refunded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
} as const;

/** Money given back on this invoice, with why. */
export function InvoiceRefunds({ refunds }: { refunds: readonly InvoiceRefund[] }) {
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
      }))}
    />
  );
}
