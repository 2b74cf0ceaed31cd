import { formatMoney, money } from '../../../shared/money';

/** Under a payment: how much of it went back ("Refunded $20.00 of $49.00", "Refunded in full"), or null. */
export function paymentRefundNote(payment: { amount: number; amountRefunded: number; currency: string }) {
  if (payment.amountRefunded <= 0) return null;
  if (payment.amountRefunded >= payment.amount) return 'Refunded in full';
  const part = formatMoney(money(payment.amountRefunded, payment.currency));
  return `Refunded ${part} of ${formatMoney(money(payment.amount, payment.currency))}`;
}

/** A refund's extent: all of its payment, or part of it ("Partial, of $49.00"). */
export function refundExtentText(refund: {
  extent: 'full' | 'partial';
  paymentAmount: number;
  currency: string;
}) {
  return refund.extent === 'full'
    ? 'Full'
    : `Partial, of ${formatMoney(money(refund.paymentAmount, refund.currency))}`;
}
