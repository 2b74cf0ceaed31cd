/** Why money goes back, in Stripe's words; the console shows the labels. */
export const REFUND_REASON_VALUES = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReasonValue = (typeof REFUND_REASON_VALUES)[number];

export const REFUND_REASON_LABELS: Record<RefundReasonValue, string> = {
  requested_by_customer: 'Requested by the customer',
  duplicate: 'Duplicate charge',
  fraudulent: 'Fraudulent charge',
};
