import { money, scale, subtract, type Money } from '../money';

/**
 * Proration of a mid-period change, as Stripe computes it: to the second, on the share
 * of the period still to run. The customer gets back the unused share of what they paid
 * for the old price and pays the same share of the new price. The unused credit is
 * rounded once (half to even) and the used share is the rest, so the two always add
 * up to exactly what was paid.
 */

export interface ProrationInput {
  periodStart: number;
  periodEnd: number;
  changeAt: number;
  /** What the old price costs for a whole period (unit amount × quantity). */
  oldAmount: Money;
  /** What the new price costs for a whole period. */
  newAmount: Money;
}

export interface Proration {
  totalSeconds: number;
  remainingSeconds: number;
  /** The old price's unused share, as a credit (≤ 0 for a non-negative price). */
  unusedCredit: Money;
  /** The old price's share for time already used: oldAmount = used + |unusedCredit|. */
  usedAmount: Money;
  /** The new price for the time left (≥ 0). */
  remainingCharge: Money;
  /** remainingCharge + unusedCredit: positive means the customer owes, negative a credit. */
  net: Money;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export function prorate(input: ProrationInput): Proration {
  if (input.oldAmount.currency !== input.newAmount.currency) {
    throw new RangeError(
      `cannot prorate between ${input.oldAmount.currency} and ${input.newAmount.currency}`,
    );
  }
  const totalSeconds = seconds(input.periodEnd) - seconds(input.periodStart);
  if (totalSeconds <= 0) throw new RangeError('the period must end at least a second after it starts');
  const clampedChange = Math.min(Math.max(input.changeAt, input.periodStart), input.periodEnd);
  const remainingSeconds = seconds(input.periodEnd) - seconds(clampedChange);
  const unused = scale(input.oldAmount, remainingSeconds, totalSeconds);
  const remainingCharge = scale(input.newAmount, remainingSeconds, totalSeconds);
  const unusedCredit = money(-unused.amount, unused.currency);
  return {
    totalSeconds,
    remainingSeconds,
    unusedCredit,
    usedAmount: subtract(input.oldAmount, unused),
    remainingCharge,
    net: money(remainingCharge.amount + unusedCredit.amount, remainingCharge.currency),
  };
}
