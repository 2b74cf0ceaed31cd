import { allocate, divideHalfEven, type Money } from '../money';
import { usageCeiling, type UsageLimit } from './policy';

/**
 * Usage against limits (docs/licensing.md, "Usage"): events counted per license, metric and
 * billing period, idempotently by event id; the rules that admit an event, the alerts a new
 * total crosses, and what the units over a limit cost. Pure: the server keeps the same fold in
 * its tables (a unique event id, one total per license, metric and period) and calls these to
 * decide. Metrics are counters: quantities are whole units ≥ 1; money is integer minor units.
 */

export interface UsageEvent {
  /** Chosen by the reporting app; a retry sends the same id. Unique per license. */
  id: string;
  licenseId: string;
  metric: string;
  quantity: number;
  /** When the usage happened: a late event counts in the period it happened in. */
  occurredAt: number;
}

export interface UsageLedger {
  /** Every event counted so far, by `licenseId|id`. */
  readonly events: ReadonlyMap<string, UsageEvent>;
  /** The total per `licenseId|metric|period`. */
  readonly totals: ReadonlyMap<string, number>;
}

export interface UsageContext {
  /** The billing period an instant belongs to, as a key (e.g. the period's start as 'YYYY-MM-DDTHH:mm'). */
  periodOf(occurredAt: number): string;
  /** The limit of a license's metric; undefined for a metric its policy does not have. */
  limitOf(licenseId: string, metric: string): UsageLimit | undefined;
}

/** Alert thresholds in percent of a limit; each fires once per license, metric and period. */
export const ALERT_THRESHOLDS = [80, 100] as const;
export type AlertThreshold = (typeof ALERT_THRESHOLDS)[number];

export type UsageOutcome =
  | { kind: 'APPLIED'; period: string; before: number; after: number; alerts: AlertThreshold[] }
  /** The same event again: nothing changes, and the caller answers as it did the first time. */
  | { kind: 'DUPLICATE'; period: string }
  | { kind: 'CONFLICT'; detail: string }
  | { kind: 'UNKNOWN_METRIC'; detail: string }
  | { kind: 'INVALID_QUANTITY'; detail: string }
  | { kind: 'OVER_LIMIT'; detail: string };

export const EMPTY_LEDGER: UsageLedger = { events: new Map(), totals: new Map() };

export const totalKey = (licenseId: string, metric: string, period: string) =>
  `${licenseId}|${metric}|${period}`;

const sameEvent = (a: UsageEvent, b: UsageEvent) =>
  a.metric === b.metric && a.quantity === b.quantity && a.occurredAt === b.occurredAt;

/** The units at which a threshold is reached: ceil(limit × percent / 100), at least 1. */
export function thresholdUnits(limit: number, percent: number): number {
  return Math.max(1, Math.ceil((limit * percent) / 100));
}

/** The thresholds a total passes on its way from `before` to `after` (each is passed only once). */
export function crossedAlerts(limit: number, before: number, after: number): AlertThreshold[] {
  return ALERT_THRESHOLDS.filter((percent) => {
    const units = thresholdUnits(limit, percent);
    return before < units && units <= after;
  });
}

/** Whether `quantity` more units may be counted on a total of `before` under the limit's rule. */
export function admits(limit: UsageLimit, before: number, quantity: number): boolean {
  const ceiling = usageCeiling(limit);
  return ceiling === null || before + quantity <= ceiling;
}

/** One step of the fold: the ledger after `event`, and what happened to it. Rejected events change nothing. */
export function applyUsage(
  ledger: UsageLedger,
  event: UsageEvent,
  context: UsageContext,
): { ledger: UsageLedger; outcome: UsageOutcome } {
  const unchanged = (outcome: UsageOutcome) => ({ ledger, outcome });
  const eventKey = `${event.licenseId}|${event.id}`;
  const earlier = ledger.events.get(eventKey);
  if (earlier) {
    if (sameEvent(earlier, event))
      return unchanged({ kind: 'DUPLICATE', period: context.periodOf(earlier.occurredAt) });
    return unchanged({ kind: 'CONFLICT', detail: `event ${event.id} was counted before with other values` });
  }
  if (!Number.isSafeInteger(event.quantity) || event.quantity < 1) {
    return unchanged({
      kind: 'INVALID_QUANTITY',
      detail: `quantity must be a whole number ≥ 1, got ${event.quantity}`,
    });
  }
  const limit = context.limitOf(event.licenseId, event.metric);
  if (!limit)
    return unchanged({ kind: 'UNKNOWN_METRIC', detail: `the license has no metric ${event.metric}` });
  const period = context.periodOf(event.occurredAt);
  const key = totalKey(event.licenseId, event.metric, period);
  const before = ledger.totals.get(key) ?? 0;
  if (!admits(limit, before, event.quantity)) {
    return unchanged({
      kind: 'OVER_LIMIT',
      detail: `${event.metric}: ${before} of ${usageCeiling(limit)} used`,
    });
  }
  const after = before + event.quantity;
  const next: UsageLedger = {
    events: new Map(ledger.events).set(eventKey, event),
    totals: new Map(ledger.totals).set(key, after),
  };
  return {
    ledger: next,
    outcome: { kind: 'APPLIED', period, before, after, alerts: crossedAlerts(limit.limit, before, after) },
  };
}

/** The whole fold: the ledger after every event in arrival order. */
export function foldUsage(
  events: readonly UsageEvent[],
  context: UsageContext,
  from = EMPTY_LEDGER,
): UsageLedger {
  return events.reduce((ledger, event) => applyUsage(ledger, event, context).ledger, from);
}

export interface OverageCharge {
  units: number;
  unitPrice: number;
  currency: string;
  /** units × unitPrice, in minor units. */
  amount: number;
}

/** What a period's total costs over a BILL limit; null for the other rules. */
export function overageCharge(limit: UsageLimit, total: number): OverageCharge | null {
  if (limit.rule.kind !== 'BILL') return null;
  const units = Math.max(0, total - limit.limit);
  const amount = BigInt(units) * BigInt(limit.rule.unitPrice);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${units} × ${limit.rule.unitPrice} is too large`);
  return { units, unitPrice: limit.rule.unitPrice, currency: limit.rule.currency, amount: Number(amount) };
}

/**
 * The units included in a period whose limit changed at `changeAt` (a plan change): each limit
 * for its share of the period, to the millisecond, rounded half to even once.
 */
export function proratedLimit(
  period: { start: number; end: number },
  before: number,
  after: number,
  changeAt: number,
): number {
  const length = BigInt(period.end - period.start);
  if (length <= 0n) throw new RangeError('a period must end after it starts');
  const at = BigInt(Math.min(Math.max(changeAt, period.start), period.end) - period.start);
  return Number(divideHalfEven(BigInt(before) * at + BigInt(after) * (length - at), length));
}

/**
 * An amount split at instants inside its period, in proportion to time (one part per stretch):
 * how the overage charge of a usage period that straddles two invoice periods is shared out.
 * `allocate` gives each part its floor share and the leftover cents to the largest remainders,
 * so the parts always add up to the amount.
 */
export function splitByTime(
  amount: Money,
  period: { start: number; end: number },
  boundaries: readonly number[],
): Money[] {
  if (period.end <= period.start) throw new RangeError('a period must end after it starts');
  const inside = boundaries.filter((t) => t > period.start && t < period.end).sort((a, b) => a - b);
  const cuts = [period.start, ...new Set(inside), period.end];
  return allocate(
    amount,
    cuts.slice(1).map((end, i) => end - (cuts[i] as number)),
  );
}
