import { prorate } from '../../../../shared/billing/proration';
import { money } from '../../../../shared/money';
import type { NewLine } from '../repo/invoices';
import type { BillablePrice } from '../types';

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

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
    amount: price.amount * quantity,
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
    oldAmount: money(change.from.amount * change.fromQuantity, change.from.currency),
    newAmount: money(change.to.amount * change.toQuantity, change.to.currency),
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
