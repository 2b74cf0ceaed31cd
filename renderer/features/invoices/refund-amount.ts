import { formatMoney, money } from '../../../shared/money';
import { readAmount, type AmountReading } from '../../lib/amount';

/**
 * The amount staff typed for a refund, in minor units: more than zero and at most what is
 * still refundable. The server checks again; this only spares a round trip.
 */
export function parseRefundAmount(text: string, currency: string, refundable: number): AmountReading {
  return readAmount(text, currency, {
    min: 1,
    max: refundable,
    aboveMax: `At most ${formatMoney(money(refundable, currency))} can still be refunded`,
  });
}
