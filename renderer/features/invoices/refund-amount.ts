import {
  currency as currencyCode,
  formatMoney,
  minorUnitDigits,
  money,
  MoneyError,
  parseMoney,
} from '../../../shared/money';

export type RefundAmountResult = { ok: true; amount: number } | { ok: false; error: string };

/**
 * Reads the amount staff typed ("2", "2.50", "1,250.00") into minor units with the shared
 * money parser (never through a float) and checks it against what is still refundable.
 * The server checks again; this only spares a round trip.
 */
export function parseRefundAmount(text: string, currency: string, refundable: number): RefundAmountResult {
  if (!text.trim()) return { ok: false, error: 'Enter an amount' };
  let amount: number;
  try {
    amount = parseMoney(text, currency).amount;
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    const digits = minorUnitDigits(currencyCode(currency));
    return {
      ok: false,
      error: /decimal places/.test(error.message)
        ? `Use at most ${digits} decimal ${digits === 1 ? 'place' : 'places'}`
        : `Enter an amount like ${digits === 0 ? '200' : `2.${'0'.repeat(digits)}`}`,
    };
  }
  if (amount <= 0) return { ok: false, error: 'Amount must be more than zero' };
  if (amount > refundable) {
    return { ok: false, error: `At most ${formatMoney(money(refundable, currency))} can still be refunded` };
  }
  return { ok: true, amount };
}
