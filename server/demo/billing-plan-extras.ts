import { DAY_MS } from '../../shared/billing/periods';
import type { DemoPriceName } from '../modules/catalog';
import type { DemoAction } from './demo-action';
import type { SeededRandom } from './random';

/**
 * What makes the demo year's MRR read like a business's (seats, seat changes, customers who
 * leave and come back), drawn from a random stream of its own so the rest of the plan is
 * unchanged by it.
 */

/** Enterprise is bought for teams; a few Pro customers buy a handful of seats. */
export function seatsAtStart(extra: SeededRandom, price: DemoPriceName): number {
  if (price.startsWith('enterprise')) return extra.chance(0.6) ? extra.int(2, 8) : 1;
  if (price.startsWith('pro')) return extra.chance(0.15) ? extra.int(2, 4) : 1;
  return 1;
}

/** About a quarter of paying subscriptions change seats once or twice, mostly up. */
export function seatChanges(
  extra: SeededRandom,
  paidFrom: number,
  end: number,
  subscription: () => string | undefined,
): DemoAction[] {
  if (!extra.chance(0.25)) return [];
  const changes: DemoAction[] = [];
  let at = paidFrom;
  for (let n = extra.int(1, 2); n > 0; n--) {
    at += extra.int(25, 120) * DAY_MS + extra.int(0, 23) * 3_600_000;
    if (at >= end) break;
    changes.push({ at, kind: 'seats', delta: extra.pick([1, 1, 2, 3, -1]), subscription });
  }
  return changes;
}

/**
 * Some who cancel a monthly plan return weeks or months later, with a new subscription on
 * the same price and a working card: the year's reactivations.
 */
export function comeBack(
  extra: SeededRandom,
  customerId: string,
  cancel: { at: number; when: 'now' | 'period_end' },
  priceId: string,
  end: number,
): DemoAction[] {
  if (!extra.chance(0.7)) return [];
  // After access ended: a cancel at period end lasts up to a month longer.
  const at = cancel.at + extra.int(cancel.when === 'now' ? 10 : 35, 75) * DAY_MS;
  if (at >= end) return [];
  return [
    {
      at,
      kind: 'subscribe',
      customerId,
      card: '4242 4242 4242 4242',
      priceId,
      trialDays: 0,
      quantity: 1,
      returning: true,
    },
  ];
}

/**
 * A few monthly customers with nothing else planned leave early in their life (canceling at
 * once) and some of them come back: churn and reactivation spread over the year, not only at
 * its end.
 */
export function leaveEarly(
  extra: SeededRandom,
  customerId: string,
  paidFrom: number,
  priceId: string,
  end: number,
  subscription: () => string | undefined,
): DemoAction[] {
  if (!extra.chance(0.25)) return [];
  const cancel = { at: paidFrom + extra.int(20, 80) * DAY_MS, when: 'now' as const };
  if (cancel.at >= end) return [];
  return [{ ...cancel, kind: 'cancel', subscription }, ...comeBack(extra, customerId, cancel, priceId, end)];
}
