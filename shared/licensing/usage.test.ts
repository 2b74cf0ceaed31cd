import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money';
import type { UsageLimit } from './policy';
import {
  applyUsage,
  crossedAlerts,
  EMPTY_LEDGER,
  foldUsage,
  overageCharge,
  proratedLimit,
  splitByTime,
  thresholdUnits,
  totalKey,
  type UsageContext,
  type UsageEvent,
} from './usage';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** Periods of 10 days from START, keyed by their index. */
const periodOf = (at: number) => `p${Math.floor((at - START) / (10 * DAY))}`;

const LIMITS: Record<string, UsageLimit> = {
  api_calls: { metric: 'api_calls', limit: 100, rule: { kind: 'BLOCK' } },
  hours: { metric: 'hours', limit: 40, rule: { kind: 'BILL', unitPrice: 125, currency: 'USD' } },
  storage: { metric: 'storage', limit: 10, rule: { kind: 'ALLOW_MULTIPLE', percent: 150 } },
};
const context: UsageContext = { periodOf, limitOf: (_license, metric) => LIMITS[metric] };

const event = (id: string, metric: string, quantity: number, day = 0, licenseId = 'lic_a'): UsageEvent => ({
  id,
  licenseId,
  metric,
  quantity,
  occurredAt: START + day * DAY,
});

describe('applyUsage', () => {
  it('counts an event once: a replay is a duplicate, a replay with other values a conflict', () => {
    const first = applyUsage(EMPTY_LEDGER, event('e1', 'hours', 3), context);
    expect(first.outcome).toEqual({ kind: 'APPLIED', period: 'p0', before: 0, after: 3, alerts: [] });
    const again = applyUsage(first.ledger, event('e1', 'hours', 3), context);
    expect(again.outcome).toEqual({ kind: 'DUPLICATE', period: 'p0' });
    expect(again.ledger).toBe(first.ledger);
    expect(applyUsage(first.ledger, event('e1', 'hours', 4), context).outcome.kind).toBe('CONFLICT');
    // The same id from another license is another event.
    expect(applyUsage(first.ledger, event('e1', 'hours', 3, 0, 'lic_b'), context).outcome.kind).toBe(
      'APPLIED',
    );
  });

  it('refuses unknown metrics and quantities that are not whole units ≥ 1, storing nothing', () => {
    for (const [metric, quantity, kind] of [
      ['minutes', 1, 'UNKNOWN_METRIC'],
      ['hours', -1, 'INVALID_QUANTITY'],
      ['hours', 0, 'INVALID_QUANTITY'],
      ['hours', 1.5, 'INVALID_QUANTITY'],
      ['hours', Number.NaN, 'INVALID_QUANTITY'],
    ] as const) {
      const result = applyUsage(EMPTY_LEDGER, event('e', metric, quantity), context);
      expect(result.outcome.kind).toBe(kind);
      expect(result.ledger).toBe(EMPTY_LEDGER);
    }
  });

  it('blocks at the limit, allows a multiple, and bills without a ceiling', () => {
    const ledger = foldUsage([event('a', 'api_calls', 100), event('s', 'storage', 15)], context);
    expect(applyUsage(ledger, event('b', 'api_calls', 1), context).outcome.kind).toBe('OVER_LIMIT');
    expect(applyUsage(ledger, event('t', 'storage', 1), context).outcome.kind).toBe('OVER_LIMIT');
    expect(applyUsage(ledger, event('h', 'hours', 10_000), context).outcome.kind).toBe('APPLIED');
  });

  it('counts a late event in the period it happened in', () => {
    const ledger = foldUsage([event('new', 'hours', 5, 12), event('late', 'hours', 2, 3)], context);
    expect(ledger.totals.get(totalKey('lic_a', 'hours', 'p0'))).toBe(2);
    expect(ledger.totals.get(totalKey('lic_a', 'hours', 'p1'))).toBe(5);
  });

  it('names the 80 % and 100 % alerts as a total crosses them', () => {
    const step1 = applyUsage(EMPTY_LEDGER, event('1', 'hours', 31), context);
    const step2 = applyUsage(step1.ledger, event('2', 'hours', 1), context);
    const step3 = applyUsage(step2.ledger, event('3', 'hours', 20), context);
    expect([step1, step2, step3].map((s) => s.outcome.kind === 'APPLIED' && s.outcome.alerts)).toEqual([
      [],
      [80],
      [100],
    ]);
    expect(crossedAlerts(40, 0, 40)).toEqual([80, 100]);
    expect(crossedAlerts(0, 0, 1)).toEqual([80, 100]);
  });
});

const eventsArb = fc.array(
  fc.record({
    id: fc.integer({ min: 0, max: 25 }).map(String),
    licenseId: fc.constantFrom('lic_a', 'lic_b'),
    metric: fc.constantFrom('api_calls', 'hours', 'storage'),
    quantity: fc.integer({ min: 1, max: 30 }),
    occurredAt: fc.integer({ min: 0, max: 29 }).map((day) => START + day * DAY),
  }),
  { maxLength: 40 },
);
/** Events with distinct ids per license (the replay properties draw their duplicates themselves). */
const distinctArb = eventsArb.map((events) => [
  ...new Map(events.map((e) => [`${e.licenseId}|${e.id}`, e])).values(),
]);
const billOnly: UsageContext = { periodOf, limitOf: () => LIMITS.hours };

describe('the usage fold, properties', () => {
  it('is idempotent: replaying any of its events changes nothing', () => {
    fc.assert(
      fc.property(distinctArb, fc.array(fc.nat()), (events, picks) => {
        const once = foldUsage(events, context);
        const replays = picks.flatMap((p) =>
          events.length ? [events[p % events.length] as UsageEvent] : [],
        );
        expect(foldUsage(replays, context, once)).toEqual(once);
      }),
    );
  });

  it('under rules that never refuse, totals do not depend on arrival order, and each lands in its period', () => {
    fc.assert(
      fc.property(distinctArb, fc.integer(), (events, seed) => {
        const shuffled = [...events].sort(
          (a, b) => ((a.quantity * 31 + seed) % 7) - ((b.quantity * 31 + seed) % 7),
        );
        const totals = foldUsage(events, billOnly).totals;
        expect(foldUsage(shuffled, billOnly).totals).toEqual(totals);
        const expected = new Map<string, number>();
        for (const e of events) {
          const key = totalKey(e.licenseId, e.metric, periodOf(e.occurredAt));
          expected.set(key, (expected.get(key) ?? 0) + e.quantity);
        }
        expect(totals).toEqual(expected);
      }),
    );
  });

  it('never lets a total pass a blocking limit or a multiple, whatever arrives', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        for (const [key, total] of foldUsage(events, context).totals) {
          if (key.includes('|api_calls|')) expect(total).toBeLessThanOrEqual(100);
          if (key.includes('|storage|')) expect(total).toBeLessThanOrEqual(15);
        }
      }),
    );
  });

  it('fires each alert once per total, exactly when the total reaches it', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const fired = new Map<string, number[]>();
        let ledger = EMPTY_LEDGER;
        for (const e of events) {
          const step = applyUsage(ledger, e, context);
          ledger = step.ledger;
          if (step.outcome.kind !== 'APPLIED') continue;
          const key = totalKey(e.licenseId, e.metric, step.outcome.period);
          fired.set(key, [...(fired.get(key) ?? []), ...step.outcome.alerts]);
        }
        for (const [key, total] of ledger.totals) {
          const limit = (LIMITS[key.split('|')[1] as string] as UsageLimit).limit;
          const reached = [80, 100].filter((p) => total >= thresholdUnits(limit, p));
          expect(fired.get(key) ?? []).toEqual(reached);
        }
      }),
    );
  });
});

describe('billing the units over a limit', () => {
  it('charges each unit over a BILL limit at its price, and nothing for the other rules', () => {
    expect(overageCharge(LIMITS.hours as UsageLimit, 52)).toEqual({
      units: 12,
      unitPrice: 125,
      currency: 'USD',
      amount: 1500,
    });
    expect(overageCharge(LIMITS.hours as UsageLimit, 39)?.amount).toBe(0);
    expect(overageCharge(LIMITS.api_calls as UsageLimit, 500)).toBeNull();
  });

  it('prorates a limit changed mid-period by time, rounding once', () => {
    const period = { start: START, end: START + 30 * DAY };
    expect(proratedLimit(period, 100, 400, START + 10 * DAY)).toBe(300);
    expect(proratedLimit(period, 100, 400, period.start)).toBe(400);
    expect(proratedLimit(period, 100, 400, period.end)).toBe(100);
    expect(proratedLimit(period, 1, 2, START + 15 * DAY)).toBe(2); // 1.5 → 2, half to even
  });

  it('splits a charge across boundaries in proportion to time, conserving every cent', () => {
    const period = { start: START, end: START + 30 * DAY };
    const split = splitByTime(money(1000, 'USD'), period, [START + 10 * DAY, START + 20 * DAY]);
    expect(split.map((m) => m.amount)).toEqual([334, 333, 333]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(
          fc.integer({ min: -5, max: 35 }).map((d) => START + d * DAY + 1234),
          { maxLength: 4 },
        ),
        (amount, boundaries) => {
          const parts = splitByTime(money(amount, 'USD'), period, boundaries).map((m) => m.amount);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          expect(parts.every((part) => part >= 0)).toBe(true);
        },
      ),
    );
  });
});
