import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffById, sameFields } from './mrr-diff';
import {
  byTime,
  DAY_MS,
  deriveMovements,
  monthOf,
  pastDueDeadline,
  subscriptionValue,
  type DerivedMovement,
  type MrrSettings,
  type MrrState,
} from './mrr-rules';

const START = Date.UTC(2025, 0, 1);
const STATUSES = ['trialing', 'active', 'active', 'past_due', 'paused', 'canceled', 'unpaid', 'incomplete'];

/** One change of a subscription, as a generator draws it (times in half days from START). */
const change = fc.record({
  subscription: fc.integer({ min: 0, max: 2 }),
  halfDays: fc.integer({ min: 0, max: 1400 }),
  status: fc.constantFrom(...STATUSES),
  currency: fc.constantFrom('USD', 'USD', 'EUR'),
  plan: fc.constantFrom('pln_a', 'pln_b'),
  interval: fc.constantFrom('month' as const, 'year' as const),
  amount: fc.constantFrom(1000, 2500, 11999),
  quantity: fc.integer({ min: 1, max: 4 }),
  pastDueDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  source: fc.constantFrom('tollgate' as const, 'stripe' as const),
});

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;
const customer = fc.array(change, { minLength: 1, maxLength: 14 });
const settingsArb = fc.record({
  pastDueChurnDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
});

/** States in the order they were recorded (seq); their effective times may go backwards. */
function statesOf(customerIndex: number, changes: Change[]): MrrState[] {
  return changes.map((c, seq) => {
    const effectiveAt = START + c.halfDays * (DAY_MS / 2);
    return {
      id: `mrs_${customerIndex}_${seq}`,
      seq,
      subscriptionId: `sub_${customerIndex}_${c.subscription}`,
      customerId: `cus_${customerIndex}`,
      effectiveAt,
      status: c.status,
      currency: c.currency,
      planId: c.plan,
      interval: c.interval,
      mrr: subscriptionValue(c.status, c.amount, c.quantity, c.interval),
      pastDueSince:
        c.status === 'past_due' && c.pastDueDays !== null ? effectiveAt - c.pastDueDays * DAY_MS : null,
      source: c.source,
      country: 'DE',
      causeType: 'test',
      causeId: null,
    };
  });
}

/** A subscription's value just before `t`, read straight from the states (no movements involved). */
function valueBefore(
  states: MrrState[],
  subscriptionId: string,
  t: number,
  settings: MrrSettings,
  now: number,
) {
  const earlier = states.filter((s) => s.subscriptionId === subscriptionId && s.effectiveAt < t).sort(byTime);
  const last = earlier[earlier.length - 1];
  if (!last) return undefined;
  const deadline = pastDueDeadline(last, settings);
  const lapsed = deadline !== null && (deadline <= last.effectiveAt || (deadline < t && deadline <= now));
  return { state: last, value: lapsed ? 0 : last.mrr };
}

/** Σ value per segment key (currency|plan|interval) just before `t`. */
function segmentValues(states: MrrState[], t: number, settings: MrrSettings, now: number) {
  const totals = new Map<string, number>();
  for (const id of new Set(states.map((s) => s.subscriptionId))) {
    const held = valueBefore(states, id, t, settings, now);
    if (!held) continue;
    const key = `${held.state.currency}|${held.state.planId}|${held.state.interval}`;
    totals.set(key, (totals.get(key) ?? 0) + held.value);
  }
  return totals;
}

const monthStart = (month: string) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
const nextMonth = (month: string) => monthOf(monthStart(month) + 32 * DAY_MS);
const NOW = START + 720 * DAY_MS;
/** The change a movement belongs to: its id without the leg. */
const changeOf = (m: DerivedMovement) => m.id.replace(/:(out|in)$/, '');

describe('MRR movement rules', () => {
  it('values subscriptions: monthly × quantity, yearly ÷ 12 half to even, only active and past due count', () => {
    expect(subscriptionValue('active', 2500, 3, 'month')).toBe(7500);
    expect(subscriptionValue('past_due', 1000, 1, 'year')).toBe(83); // 83.33
    expect(subscriptionValue('active', 30, 1, 'year')).toBe(2); // 2.5 → 2
    expect(subscriptionValue('active', 42, 1, 'year')).toBe(4); // 3.5 → 4
    for (const status of ['trialing', 'incomplete', 'paused', 'canceled', 'unpaid']) {
      expect(subscriptionValue(status, 1000, 1, 'month')).toBe(0);
    }
  });

  it('reconciles every customer, currency, plan, interval and month: start + Σ movements = end', () => {
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 4 }), settingsArb, (customers, settings) => {
        customers.forEach((changes, index) => {
          const states = statesOf(index, changes);
          const movements = deriveMovements(states, settings, NOW);
          for (let month = monthOf(START); monthStart(month) <= NOW; month = nextMonth(month)) {
            const start = segmentValues(states, monthStart(month), settings, NOW);
            const end = segmentValues(states, monthStart(nextMonth(month)), settings, NOW);
            for (const key of new Set([...start.keys(), ...end.keys()])) {
              const moved = movements
                .filter((m) => m.month === month && `${m.currency}|${m.planId}|${m.interval}` === key)
                .reduce((sum, m) => sum + m.amount, 0);
              expect((start.get(key) ?? 0) + moved, `${key} ${month}`).toBe(end.get(key) ?? 0);
            }
          }
        });
      }),
    );
  });

  it('classifies by the customer’s total in the currency, and counts customers once per change', () => {
    fc.assert(
      fc.property(customer, settingsArb, (changes, settings) => {
        const movements = deriveMovements(statesOf(0, changes), settings, NOW);
        const seen = new Set<string>();
        for (const m of movements) {
          const { customerMrrBefore: before, customerMrrAfter: after } = m;
          if (m.kind === 'new') expect(seen.has(m.currency)).toBe(false);
          if (m.kind === 'new' || m.kind === 'reactivation') expect([before, after > 0]).toEqual([0, true]);
          if (m.kind === 'reactivation') expect(seen.has(m.currency)).toBe(true);
          if (m.kind === 'churn') expect([before > 0, after]).toEqual([true, 0]);
          if (m.kind === 'expansion') expect(before > 0 && after >= before).toBe(true);
          if (m.kind === 'contraction') expect(after > 0 && after < before).toBe(true);
          if (after > 0) seen.add(m.currency);
          const sameChange = movements.filter(
            (o) => changeOf(o) === changeOf(m) && o.currency === m.currency,
          );
          expect(sameChange.reduce((sum, o) => sum + o.amount, 0)).toBe(after - before);
          expect(sameChange.reduce((sum, o) => sum + o.customerDelta, 0)).toBe(
            m.kind === 'churn' ? -1 : m.kind === 'new' || m.kind === 'reactivation' ? 1 : 0,
          );
          expect(new Set(sameChange.map((o) => o.kind)).size).toBe(1);
        }
        expect(new Set(movements.map((m) => m.id)).size).toBe(movements.length);
      }),
    );
  });

  it('derives the same rows appended one state at a time (diffing each time) as all at once', () => {
    fc.assert(
      fc.property(customer, settingsArb, (changes, settings) => {
        const states = statesOf(0, changes);
        let stored: DerivedMovement[] = [];
        states.forEach((_, index) => {
          const now = Math.max(...states.slice(0, index + 1).map((s) => s.effectiveAt));
          const { inserted, deleted } = diffById(
            stored,
            deriveMovements(states.slice(0, index + 1), settings, now),
            sameFields,
          );
          const gone = new Set(deleted.map((m) => m.id));
          stored = [...stored.filter((m) => !gone.has(m.id)), ...inserted];
        });
        const now = Math.max(...states.map((s) => s.effectiveAt));
        const once = deriveMovements(states, settings, now);
        expect([...stored].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          [...once].sort((a, b) => a.id.localeCompare(b.id)),
        );
        expect(diffById(once, deriveMovements([...states].reverse(), settings, now), sameFields)).toEqual({
          inserted: [],
          deleted: [],
        });
      }),
    );
  });
});

describe('MRR movement rules, worked examples', () => {
  const state = (
    over: Partial<MrrState> & Pick<MrrState, 'id' | 'seq' | 'effectiveAt' | 'status' | 'mrr'>,
  ): MrrState => ({
    subscriptionId: 'sub_1',
    customerId: 'cus_1',
    currency: 'EUR',
    planId: 'pln_basic',
    interval: 'month',
    pastDueSince: null,
    source: 'tollgate',
    country: 'DE',
    causeType: 'billing_event',
    causeId: null,
    ...over,
  });
  const day = (n: number) => START + n * DAY_MS;
  const brief = (m: DerivedMovement) => [m.id, m.kind, m.amount, m.planId, m.customerDelta];

  it('a trial converts (new), an upgrade moves plans in two legs, a second subscription ends (contraction), the last churns, the customer returns', () => {
    const states = [
      state({ id: 's1', seq: 1, effectiveAt: day(0), status: 'trialing', mrr: 0 }),
      state({ id: 's2', seq: 2, effectiveAt: day(14), status: 'active', mrr: 1000 }),
      state({ id: 's3', seq: 3, effectiveAt: day(40), status: 'active', mrr: 3000, planId: 'pln_pro' }),
      state({ id: 's4', seq: 4, effectiveAt: day(50), status: 'active', mrr: 500, subscriptionId: 'sub_2' }),
      state({ id: 's5', seq: 5, effectiveAt: day(60), status: 'canceled', mrr: 0, subscriptionId: 'sub_2' }),
      state({ id: 's6', seq: 6, effectiveAt: day(70), status: 'canceled', mrr: 0, planId: 'pln_pro' }),
      state({
        id: 's7',
        seq: 7,
        effectiveAt: day(100),
        status: 'active',
        mrr: 1000,
        subscriptionId: 'sub_3',
      }),
    ];
    expect(deriveMovements(states, { pastDueChurnDays: null }, day(200)).map(brief)).toEqual([
      ['s2', 'new', 1000, 'pln_basic', 1],
      ['s3:out', 'expansion', -1000, 'pln_basic', 0],
      ['s3:in', 'expansion', 3000, 'pln_pro', 0],
      ['s4', 'expansion', 500, 'pln_basic', 0],
      ['s5', 'contraction', -500, 'pln_basic', 0],
      ['s6', 'churn', -3000, 'pln_pro', -1],
      ['s7', 'reactivation', 1000, 'pln_basic', 1],
    ]);
  });

  it('a lateral move writes two expansion legs with zero net', () => {
    const states = [
      state({ id: 's1', seq: 1, effectiveAt: day(0), status: 'active', mrr: 1200, interval: 'month' }),
      state({ id: 's2', seq: 2, effectiveAt: day(10), status: 'active', mrr: 1200, interval: 'year' }),
    ];
    expect(deriveMovements(states, { pastDueChurnDays: null }, day(20)).map(brief)).toEqual([
      ['s1', 'new', 1200, 'pln_basic', 1],
      ['s2:out', 'expansion', -1200, 'pln_basic', 0],
      ['s2:in', 'expansion', 1200, 'pln_basic', 0],
    ]);
  });

  it('the past-due setting churns at past_due_since + N days once that has passed, and a payment brings it back', () => {
    const states = [
      state({ id: 's1', seq: 1, effectiveAt: day(0), status: 'active', mrr: 1000 }),
      state({ id: 's2', seq: 2, effectiveAt: day(30), status: 'past_due', mrr: 1000, pastDueSince: day(30) }),
    ];
    const settings = { pastDueChurnDays: 14 };
    expect(deriveMovements(states, settings, day(43)).map(brief)).toEqual([
      ['s1', 'new', 1000, 'pln_basic', 1],
    ]);
    const churned = deriveMovements(states, settings, day(44));
    expect(churned.map(brief)).toEqual([
      ['s1', 'new', 1000, 'pln_basic', 1],
      ['s2:past_due', 'churn', -1000, 'pln_basic', -1],
    ]);
    expect(churned[1]).toMatchObject({ effectiveAt: day(44), causeType: 'past_due_setting', causeId: 's2' });
    const paid = [...states, state({ id: 's3', seq: 3, effectiveAt: day(50), status: 'active', mrr: 1000 })];
    expect(deriveMovements(paid, settings, day(60)).map(brief).slice(2)).toEqual([
      ['s3', 'reactivation', 1000, 'pln_basic', 1],
    ]);
    // Paid before the deadline: it never stopped counting.
    const early = [...states, state({ id: 's3', seq: 3, effectiveAt: day(40), status: 'active', mrr: 1000 })];
    expect(deriveMovements(early, settings, day(60)).map(brief)).toEqual([
      ['s1', 'new', 1000, 'pln_basic', 1],
    ]);
    expect(deriveMovements(states, { pastDueChurnDays: null }, day(400)).map(brief)).toHaveLength(1);
  });

  it('a late state with an earlier effective time is placed where it happened', () => {
    const states = [
      state({ id: 's1', seq: 1, effectiveAt: day(10), status: 'active', mrr: 1000, subscriptionId: 'sub_2' }),
      state({ id: 's2', seq: 2, effectiveAt: day(5), status: 'active', mrr: 2000 }),
    ];
    expect(deriveMovements(states, { pastDueChurnDays: null }, day(20)).map(brief)).toEqual([
      ['s2', 'new', 2000, 'pln_basic', 1],
      ['s1', 'expansion', 1000, 'pln_basic', 0],
    ]);
  });
});
