import { boundary, DAY_MS } from '../../shared/billing/periods';
import type { DemoCatalog, DemoPriceName } from '../modules/catalog';
import type { SeededRandom } from './random';
import { comeBack, leaveEarly, seatChanges, seatsAtStart } from './billing-plan-extras';
import type { DemoAction } from './demo-action';

export type { DemoAction } from './demo-action';

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

/** How a card goes bad: declines that retries may get past, and a hard one they never will. */
const BAD_CARDS: [weight: number, number: string][] = [
  [5, '4000 0000 0000 9995'],
  [4, '4000 0000 0000 0341'],
  [1, '4000 0000 0000 9979'],
];

/** How long after the failed renewal a working card arrives; Infinity: it never does. */
const FIX_DELAYS: [weight: number, days: [number, number]][] = [
  [35, [0.1, 0.9]],
  [25, [1.2, 2.8]],
  [15, [3.2, 6.5]],
  [25, [Infinity, Infinity]],
];

const DECLINING: ReadonlySet<string> = new Set(['4000 0000 0000 0341', '4000 0000 0000 9995']);

const MONTHLY_PAID: ReadonlySet<DemoPriceName> = new Set([
  'proMonthlyUsd',
  'enterpriseMonthlyUsd',
  'proMonthlyEur',
  'enterpriseMonthlyEur',
]);

/** Customers in the euro area pay in euros, at the same plan and interval. */
const EURO_AREA: ReadonlySet<string> = new Set(['AT', 'BE', 'DE', 'ES', 'FI', 'FR', 'IE', 'IT', 'NL', 'PT']);
const IN_EUROS: Partial<Record<DemoPriceName, DemoPriceName>> = {
  freeMonthlyUsd: 'freeMonthlyEur',
  proMonthlyUsd: 'proMonthlyEur',
  proYearlyUsd: 'proYearlyEur',
  enterpriseMonthlyUsd: 'enterpriseMonthlyEur',
  enterpriseYearlyUsd: 'enterpriseYearlyEur',
};

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
 * Enterprise, monthly or yearly, most after a trial; in euros in the euro area); later
 * some upgrade, downgrade, cancel (at period end, or at once with credit) or get a refund.
 * `extra` decides what was added later (seats, seat changes, returns after a cancel) from a
 * stream of its own, so the choices above stay the ones they always were. Sorted by time.
 */
export function planDemoHistory(
  random: SeededRandom,
  customers: { id: string; createdAt: number; country: string }[],
  catalog: DemoCatalog,
  start: number,
  end: number,
  extra: SeededRandom,
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
    const own = (name: DemoPriceName) =>
      catalog.prices[(EURO_AREA.has(customer.country) && IN_EUROS[name]) || name];
    let subscriptionId: string | undefined;
    const subscription = () => subscriptionId;
    const trialDays = price.startsWith('free') || random.chance(0.3) ? 0 : 14;
    const card = weighted(random, CARDS);
    const before = actions.length;
    actions.push({
      at,
      kind: 'subscribe',
      customerId: customer.id,
      card,
      priceId: own(price),
      trialDays,
      quantity: seatsAtStart(extra, price),
      onStarted: (id) => (subscriptionId = id),
    });
    const later = (min = soonestFollowUp) =>
      at + min + Math.floor(random.next() * Math.max(DAY_MS, end - at - min));
    const roll = random.next();
    if (price === 'proMonthlyUsd' && roll < 0.14)
      actions.push({ at: later(), kind: 'change', priceId: own('enterpriseMonthlyUsd'), subscription });
    else if (price === 'enterpriseMonthlyUsd' && roll < 0.25)
      actions.push({ at: later(), kind: 'change', priceId: own('proMonthlyUsd'), subscription });
    else if (roll < 0.3) {
      const cancel = {
        at: later(),
        kind: 'cancel',
        when: random.chance(0.8) ? 'period_end' : 'now',
        subscription,
      } as const;
      actions.push(cancel);
      if (MONTHLY_PAID.has(price)) actions.push(...comeBack(extra, customer.id, cancel, own(price), end));
    }
    // A card that declines from the start fails when the trial ends; many customers then fix it.
    if (DECLINING.has(card) && trialDays > 0 && !price.startsWith('free'))
      actions.push(...rescue(random, customer.id, at + trialDays * DAY_MS));
    const followedUp = actions.length > before + 1;
    if (!followedUp && MONTHLY_PAID.has(price)) {
      actions.push(...cardTrouble(random, customer.id, renewalsOf(at, price, trialDays), end));
      actions.push(...leaveEarly(extra, customer.id, at + trialDays * DAY_MS, own(price), end, subscription));
    }
    if (!price.startsWith('free') && random.chance(0.1)) {
      actions.push({
        at: later(16 * DAY_MS),
        kind: 'refund',
        full: random.chance(0.4),
        reason: random.chance(0.8) ? 'requested_by_customer' : 'duplicate',
        subscription,
      });
    }
    if (!price.startsWith('free'))
      actions.push(...seatChanges(extra, at + trialDays * DAY_MS, end, subscription));
  }
  return actions.filter((a) => a.at < end).sort((a, b) => a.at - b.at);
}

/** The renewal times of a monthly subscription started at `at` (after its trial, if any). */
function renewalsOf(at: number, price: DemoPriceName, trialDays: number): number[] {
  const anchor = at + trialDays * DAY_MS;
  const times = trialDays > 0 ? [anchor] : [];
  for (let k = 1; k <= 13; k++) times.push(boundary(anchor, 'month', k));
  return MONTHLY_PAID.has(price) ? times : [];
}

/**
 * Card trouble for some monthly subscribers: their card goes bad a day before a renewal
 * (so that renewal fails and recovery takes over), and a working card arrives some
 * time after — in time for the 2nd, 3rd or 4th attempt, or never. The latest renewals
 * are favoured, so the demo ends with invoices still in recovery.
 */
function cardTrouble(
  random: SeededRandom,
  customerId: string,
  renewals: number[],
  end: number,
): DemoAction[] {
  const due = renewals.filter((r) => r < end - DAY_MS);
  const last = due.at(-1);
  if (last === undefined) return [];
  const recent = last > end - 7 * DAY_MS && random.chance(0.45);
  if (!recent && !random.chance(0.22)) return [];
  const renewal = recent ? last : random.pick(due);
  const actions: DemoAction[] = [
    { at: renewal - DAY_MS, kind: 'card_fails', customerId, card: weighted(random, BAD_CARDS) },
  ];
  if (!recent) actions.push(...rescue(random, customerId, renewal));
  return actions;
}

/** A working card some time after the charge at `failedAt` failed — or never. */
function rescue(random: SeededRandom, customerId: string, failedAt: number): DemoAction[] {
  const [from, to] = weighted(random, FIX_DELAYS);
  const fixAt = failedAt + Math.round((from + random.next() * (to - from)) * DAY_MS);
  return Number.isFinite(fixAt)
    ? [{ at: fixAt, kind: 'card_fixed', customerId, card: '4242 4242 4242 4242' }]
    : [];
}
