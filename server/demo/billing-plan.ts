import { DAY_MS } from '../../shared/billing/periods';
import type { DemoCatalog, DemoPriceName } from '../modules/catalog';
import type { SeededRandom } from './random';

/** One thing staff (or the customer) did in the demo year, at a moment of it. */
export type DemoAction = { at: number } & (
  | {
      kind: 'subscribe';
      customerId: string;
      card: string;
      priceId: string;
      trialDays: number;
      onStarted?: (id: string) => void;
    }
  | { kind: 'change'; priceId: string; subscription: () => string | undefined }
  | { kind: 'cancel'; when: 'now' | 'period_end'; subscription: () => string | undefined }
  | {
      kind: 'refund';
      full: boolean;
      reason: 'requested_by_customer' | 'duplicate';
      subscription: () => string | undefined;
    }
);

/** Most cards work; a few decline at renewal, as real cards expire and run dry. */
const CARDS: [weight: number, number: string][] = [
  [88, '4242 4242 4242 4242'],
  [5, '4000 0000 0000 0341'],
  [4, '4000 0000 0000 9995'],
  [3, '5555 5555 5555 4444'],
];

const PLANS: [weight: number, price: DemoPriceName][] = [
  [22, 'freeMonthlyUsd'],
  [46, 'proMonthlyUsd'],
  [10, 'proYearlyUsd'],
  [12, 'enterpriseMonthlyUsd'],
  [4, 'enterpriseYearlyUsd'],
  [6, 'proMonthlyEur'],
];

function weighted<T>(random: SeededRandom, options: [number, T][]): T {
  const total = options.reduce((s, [w]) => s + w, 0);
  let roll = random.next() * total;
  for (const [weight, value] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (options[0] as [number, T])[1];
}

/**
 * Plans a year: about half the customers subscribe at some point (free, Pro or
 * Enterprise, monthly or yearly, most after a trial); later some upgrade, downgrade,
 * cancel (at period end, or at once with credit) or get a refund. Sorted by time.
 */
export function planDemoHistory(
  random: SeededRandom,
  customers: { id: string; createdAt: number }[],
  catalog: DemoCatalog,
  start: number,
  end: number,
): DemoAction[] {
  const actions: DemoAction[] = [];
  const soonestFollowUp = 20 * DAY_MS;
  for (const customer of customers) {
    if (!random.chance(0.5)) continue;
    const earliest = Math.max(start, customer.createdAt);
    // Up to the last day, so some trials are still running today.
    if (earliest > end - DAY_MS) continue;
    const at = earliest + Math.floor(random.next() * (end - DAY_MS - earliest));
    const price = weighted(random, PLANS);
    let subscriptionId: string | undefined;
    const subscription = () => subscriptionId;
    actions.push({
      at,
      kind: 'subscribe',
      customerId: customer.id,
      card: weighted(random, CARDS),
      priceId: catalog.prices[price],
      trialDays: price.startsWith('free') || random.chance(0.3) ? 0 : 14,
      onStarted: (id) => (subscriptionId = id),
    });
    const later = (min = soonestFollowUp) =>
      at + min + Math.floor(random.next() * Math.max(DAY_MS, end - at - min));
    const roll = random.next();
    if (price === 'proMonthlyUsd' && roll < 0.14)
      actions.push({
        at: later(),
        kind: 'change',
        priceId: catalog.prices.enterpriseMonthlyUsd,
        subscription,
      });
    else if (price === 'enterpriseMonthlyUsd' && roll < 0.25)
      actions.push({ at: later(), kind: 'change', priceId: catalog.prices.proMonthlyUsd, subscription });
    else if (roll < 0.3)
      actions.push({
        at: later(),
        kind: 'cancel',
        when: random.chance(0.8) ? 'period_end' : 'now',
        subscription,
      });
    if (!price.startsWith('free') && random.chance(0.1)) {
      actions.push({
        at: later(16 * DAY_MS),
        kind: 'refund',
        full: random.chance(0.4),
        reason: random.chance(0.8) ? 'requested_by_customer' : 'duplicate',
        subscription,
      });
    }
  }
  return actions.filter((a) => a.at < end).sort((a, b) => a.at - b.at);
}
