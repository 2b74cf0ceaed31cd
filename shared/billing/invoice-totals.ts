import { money, sum, type CurrencyCode, type Money } from '../money';

/**
 * An invoice's totals, Stripe's way: the total is the sum of the lines (credits and
 * prorations are negative lines); the customer's credit balance pays what it can of a
 * positive total; a negative total owes the customer, so it is added to their balance
 * and nothing is due.
 */
export interface InvoiceTotals {
  subtotal: Money;
  total: Money;
  /** Credit balance used to pay this invoice (≥ 0). */
  creditApplied: Money;
  /** What remains to collect from a payment method (≥ 0). */
  amountDue: Money;
  /** How the customer's credit balance changes: −creditApplied, or +|total| for a negative invoice. */
  balanceChange: Money;
}

export function invoiceTotals(
  lines: readonly Money[],
  creditBalance: Money,
  currency: CurrencyCode | string,
): InvoiceTotals {
  if (creditBalance.currency !== money(0, currency).currency) {
    throw new RangeError(`a ${creditBalance.currency} balance cannot pay a ${currency} invoice`);
  }
  const subtotal = sum(lines, currency);
  const total = subtotal;
  const available = Math.max(creditBalance.amount, 0);
  const creditApplied = Math.min(available, Math.max(total.amount, 0));
  const amountDue = Math.max(total.amount, 0) - creditApplied;
  const balanceChange = total.amount < 0 ? -total.amount : -creditApplied;
  return {
    subtotal,
    total,
    creditApplied: money(creditApplied, currency),
    amountDue: money(amountDue, currency),
    balanceChange: money(balanceChange, currency),
  };
}
