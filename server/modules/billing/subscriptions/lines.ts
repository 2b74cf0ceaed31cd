import { prorate } from '../../../../shared/billing/proration';
import { MAX_AMOUNT, money, multiply, type Money } from '../../../../shared/money';
import { DomainError } from '../../../lib/errors';
import type { NewLine } from '../repo/invoices';
import type { BillablePrice } from '../types';

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** What `quantity` of a price costs for one period (unit amount × quantity). */
export const periodAmount = (price: BillablePrice, quantity: number): Money =>
  multiply(money(price.amount, price.currency), quantity);

/**
 * Refuses a subscription whose period would cost more than one payment can collect
 * (Stripe's ceiling), naming the quantity and how many fit.
 */
export function assertChargeable(price: BillablePrice, quantity: number): void {
  if (periodAmount(price, quantity).amount <= MAX_AMOUNT) return;
  const most = Math.floor(MAX_AMOUNT / price.amount);
  throw new DomainError(
    'INVALID_INPUT',
    `${quantity.toLocaleString('en-US')} × this price is more than one payment can collect`,
    { quantity: [`Quantity must be at most ${most.toLocaleString('en-US')} for this price`] },
  );
}

/** The recurring charge for one period of a price. */
export function planLine(
  price: BillablePrice,
  quantity: number,
  periodStart: number,
  periodEnd: number,
): NewLine {
  return {
    kind: 'plan',
    description: `${price.planName} × ${quantity} (${day(periodStart)} – ${day(periodEnd)})`,
    priceId: price.id,
    quantity,
    unitAmount: price.amount,
    amount: periodAmount(price, quantity).amount,
    periodStart,
    periodEnd,
  };
}

/**
 * A mid-period change as two invoice lines, as Stripe shows it: the credit for unused
 * time on the old price and the charge for the remaining time on the new one.
 */
export function prorationLines(
  change: { from: BillablePrice; fromQuantity: number; to: BillablePrice; toQuantity: number },
  period: { start: number; end: number },
  at: number,
): NewLine[] {
  const p = prorate({
    periodStart: period.start,
    periodEnd: period.end,
    changeAt: at,
    oldAmount: periodAmount(change.from, change.fromQuantity),
    newAmount: periodAmount(change.to, change.toQuantity),
  });
  const common = { kind: 'proration' as const, periodStart: at, periodEnd: period.end };
  return [
    {
      ...common,
      description: `Unused time on ${change.from.planName} × ${change.fromQuantity} after ${day(at)}`,
      priceId: change.from.id,
      quantity: change.fromQuantity,
      unitAmount: change.from.amount,
      amount: p.unusedCredit.amount,
    },
    {
      ...common,
      description: `Remaining time on ${change.to.planName} × ${change.toQuantity} after ${day(at)}`,
      priceId: change.to.id,
      quantity: change.toQuantity,
      unitAmount: change.to.amount,
      amount: p.remainingCharge.amount,
    },
  ];
}
