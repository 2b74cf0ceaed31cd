import { subscriptionValue, type MrrInterval } from '../../shared/analytics/mrr-rules';
import type { SeededRandom } from '../../server/demo/random';

/**
 * The pure half of bench/lib/mrr-history.ts: one customer's believable MRR history as the value
 * states record.ts would have written for it, one per MRR-relevant subscription write. Every
 * history ends on the subscription's current row (status, price, quantity), so the incremental
 * path, run on the loaded workspace, continues it as it would in production.
 */

const DAY = 86_400_000;

export interface BenchPrice {
  id: string;
  planId: string;
  amount: number;
  interval: MrrInterval;
  currency: string;
}

/** A subscription as the billing bench wrote it (plus the price it is on). */
export interface BenchSubscription {
  id: string;
  customerId: string;
  country: string;
  createdAt: number;
  status: string;
  price: BenchPrice;
  endedAt: number | null;
}

/** One value state, in mrr_states' words (seq is the customer's, given once all are known). */
export interface PlannedState {
  subscriptionId: string;
  customerId: string;
  effectiveAt: number;
  status: string;
  price: BenchPrice;
  quantity: number;
  mrr: number;
  pastDueSince: number | null;
  country: string;
}

/** The history of one customer: its states in time order, and the earlier subscription a return replaced. */
export interface PlannedCustomer {
  states: PlannedState[];
  /** A subscription canceled before the current one started (the customer came back), or null. */
  earlier: { id: string; price: BenchPrice; quantity: number; createdAt: number; endedAt: number } | null;
}

interface Value {
  status: string;
  price: BenchPrice;
  quantity: number;
}

/** Writes states for one subscription, skipping writes that change nothing MRR-relevant (as record.ts does). */
function writer(sub: { id: string; customerId: string; country: string }, out: PlannedState[]) {
  let last: PlannedState | undefined;
  return (at: number, value: Value): void => {
    const effectiveAt = Math.max(at, last?.effectiveAt ?? -Infinity);
    const pastDueSince =
      value.status === 'past_due' ? (last?.status === 'past_due' ? last.pastDueSince : effectiveAt) : null;
    const { price } = value;
    const state: PlannedState = {
      subscriptionId: sub.id,
      customerId: sub.customerId,
      country: sub.country,
      effectiveAt,
      status: value.status,
      price,
      quantity: value.quantity,
      mrr: subscriptionValue(value.status, price.amount, value.quantity, price.interval),
      pastDueSince,
    };
    const same =
      last &&
      last.status === state.status &&
      last.price.id === price.id &&
      last.quantity === state.quantity &&
      last.pastDueSince === state.pastDueSince;
    if (same) return;
    out.push(state);
    last = state;
  };
}

/** A price of `plan`-ish choice in the same currency: another plan, or the same plan's other interval. */
function otherPrice(
  prices: readonly BenchPrice[],
  from: BenchPrice,
  random: SeededRandom,
  sameInterval: boolean,
) {
  const candidates = prices.filter(
    (p) =>
      p.currency === from.currency &&
      p.id !== from.id &&
      (sameInterval ? p.interval === from.interval && p.planId !== from.planId : p.planId === from.planId),
  );
  return candidates.length > 0 ? random.pick(candidates) : from;
}

/**
 * Events between `start` and `end`: seat changes, upgrades and downgrades, interval changes,
 * past-due spells that recover (some long enough for a past-due setting to churn them), pauses.
 */
function middle(
  write: (at: number, value: Value) => void,
  first: Value,
  span: { start: number; end: number },
  prices: readonly BenchPrice[],
  random: SeededRandom,
): Value {
  let value = first;
  let at = span.start + random.int(20, 120) * DAY;
  while (at < span.end - 2 * DAY) {
    const roll = random.next();
    if (roll < 0.3) {
      value = { ...value, quantity: Math.max(1, value.quantity + random.pick([-2, -1, 1, 1, 2, 3])) };
      write(at, value);
    } else if (roll < 0.5) {
      value = { ...value, price: otherPrice(prices, value.price, random, true) };
      write(at, value);
    } else if (roll < 0.58) {
      value = { ...value, price: otherPrice(prices, value.price, random, false) };
      write(at, value);
    } else if (roll < 0.9) {
      // A past-due spell (roll < 0.8) or a pause; both end within the span, else at its end.
      const status = roll < 0.8 ? 'past_due' : 'paused';
      write(at, { ...value, status });
      at += (status === 'past_due' ? random.int(2, 45) : random.int(20, 120)) * DAY;
      if (at >= span.end) return { ...value, status };
      write(at, value);
    }
    at += random.int(20, 150) * DAY;
  }
  return value;
}

function pricesOf(prices: readonly BenchPrice[], currency: string) {
  return prices.filter((p) => p.currency === currency);
}

/** One customer's history, ending on `sub`'s current row (quantity 1, as the billing bench writes). */
export function planCustomer(
  sub: BenchSubscription,
  allPrices: readonly BenchPrice[],
  random: SeededRandom,
  now: number,
  newSubscriptionId: () => string,
): PlannedCustomer {
  const prices = pricesOf(allPrices, sub.price.currency);
  const states: PlannedState[] = [];
  const target: Value = { status: sub.status, price: sub.price, quantity: 1 };
  const end = sub.status === 'canceled' && sub.endedAt !== null ? sub.endedAt : now - DAY;
  let start = sub.createdAt;
  let earlier: PlannedCustomer['earlier'] = null;
  // Some customers canceled an earlier subscription at a period end and came back later.
  if (sub.status !== 'trialing' && random.next() < 0.06 && end - start > 200 * DAY) {
    const price = random.pick(prices.filter((p) => p.amount > 0));
    const endedAt = start + random.int(60, Math.floor((end - start) / DAY / 2)) * DAY;
    const old = { id: newSubscriptionId(), customerId: sub.customerId, country: sub.country };
    const write = writer(old, states);
    const first = { status: 'active', price, quantity: 1 };
    write(start, first);
    const last = middle(write, first, { start, end: endedAt }, prices, random);
    write(endedAt, { ...last, status: 'canceled' });
    earlier = { id: old.id, price: last.price, quantity: last.quantity, createdAt: start, endedAt };
    start = endedAt + random.int(20, 90) * DAY;
  }
  const write = writer(sub, states);
  if (sub.status === 'trialing') {
    write(start, target);
    return { states, earlier };
  }
  const paid = target.price.amount > 0 && random.next() < 0.35;
  if (paid) {
    write(start, { ...target, status: 'trialing' });
    start += 14 * DAY;
  }
  const first: Value = {
    status: 'active',
    price: random.next() < 0.7 ? target.price : random.pick(prices),
    quantity: random.next() < 0.8 ? 1 : random.int(2, 5),
  };
  write(start, first);
  const last = middle(write, first, { start, end }, prices, random);
  // The write that brought the subscription to its current row.
  if (last.price.id !== target.price.id || last.quantity !== 1)
    write(end - random.int(1, 20) * DAY, { ...target, status: 'active' });
  write(sub.status === 'canceled' ? end : end - random.int(0, 10) * DAY, target);
  return { states, earlier };
}
