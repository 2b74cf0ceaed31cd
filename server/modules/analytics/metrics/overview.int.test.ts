import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basisPointsOf, netNewMrr } from '../../../../shared/analytics/formulas';
import { monthBounds, monthsBetween } from '../../../../shared/analytics/overview-months';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { dayOf, seedHistory } from './history.test-kit';
import { recordMovements, setRates, type MovementSeed } from './metrics.test-kit';

/** The Overview's figures over the history of history.test-kit.ts, checked against sums made here from its movements. */

let world: TestWorld;
let ids: Awaited<ReturnType<typeof seedHistory>>['ids'];
let seeds: MovementSeed[];

beforeAll(async () => {
  world = await createTestWorld();
  ({ ids, seeds } = await seedHistory(world));
});
afterAll(async () => {
  await world?.close();
});

const range = { from: '2026-01', to: '2026-04' };

/** MRR at the end of each month from the movements themselves, in one currency. */
function truth(currency: string, keep: (s: MovementSeed) => boolean = () => true) {
  return monthsBetween(range.from, range.to).map((month) =>
    seeds
      .filter((s) => (s.currency ?? 'USD') === currency && keep(s) && s.effectiveAt < monthBounds(month).end)
      .reduce((sum, s) => sum + s.amount, 0),
  );
}

describe('the Overview in one currency', () => {
  it('gives each month’s MRR, movements and customers as the movements add up', async () => {
    const o = await world.as('viewerA').analytics.overview({ ...range, segment: { currency: 'USD' } });
    expect(o).toMatchObject({ currency: 'USD', basis: 'own', hasMovements: true, missingRates: [] });
    expect(o.months.map((m) => m.mrrEnd)).toEqual(truth('USD'));
    const february = o.months[1];
    expect(february).toMatchObject({
      month: '2026-02',
      mrrStart: 15_000,
      mrrEnd: 12_000,
      movements: { new: 0, expansion: 2_000, contraction: 0, churn: -5_000, reactivation: 0 },
      netNewMrr: -3_000,
      fxImpact: null,
      customersStart: 2,
      churnedCustomers: 1,
      customersEnd: 1,
    });
    for (const m of o.months) expect((m.mrrStart ?? NaN) + netNewMrr(m.movements)).toBe(m.mrrEnd);
  });

  it('compares the last month’s headline figures with the month before', async () => {
    const o = await world.as('viewerA').analytics.overview({ ...range, segment: { currency: 'USD' } });
    // April: Bob returns; March ended with Ada (12,000) and Dee (3,000).
    expect(o.headline.current).toMatchObject({
      month: '2026-04',
      mrr: 20_000,
      arr: 240_000,
      payingCustomers: 3,
    });
    expect(o.headline.current?.arpa).toBe(6_667);
    expect(o.headline.previous).toMatchObject({ month: '2026-03', mrr: 15_000, payingCustomers: 2 });
    expect(basisPointsOf(o.headline.current?.quickRatio ?? null)).toBeNull();
  });

  it('narrows to a plan, where a plan change counts as its two legs', async () => {
    const pro = (s: MovementSeed) => s.planId === ids.pro;
    const o = await world.as('viewerA').analytics.overview({
      ...range,
      segment: { currency: 'USD', plan: ids.pro },
    });
    expect(o.months.map((m) => m.mrrEnd)).toEqual(truth('USD', pro));
    expect(o.months[1]?.movements.expansion).toBe(-10_000);
    // Churn 5,000 of a 15,000 start: 33.33 %.
    expect(basisPointsOf(o.months.length ? await monthChurn(ids.pro) : null)).toBe(3_333);
  });
});

async function monthChurn(plan: string) {
  const o = await world.as('viewerA').analytics.overview({
    from: '2026-02',
    to: '2026-02',
    segment: { currency: 'USD', plan },
  });
  return o.headline.current?.grossMrrChurn ?? null;
}

describe('the Overview in the reporting currency', () => {
  it('converts each month’s start and end at its boundary day and shows FX as its own row', async () => {
    const o = await world.as('viewerA').analytics.overview({ ...range, segment: {} });
    expect(o).toMatchObject({ currency: 'USD', basis: 'reporting', currencies: ['EUR', 'USD'] });
    expect(o.months.map((m) => [m.month, m.mrrStart, m.mrrEnd, m.fxImpact])).toEqual([
      // €90.00 arrives at 1.1 and ends January at 1.1.
      ['2026-01', 0, 24_900, 0],
      // February ends at 1.2: the euros are worth 9.00 more, and that is FX, not expansion.
      ['2026-02', 24_900, 22_800, 900],
      // Cy's €10.00 contraction counts at 1.2, its day's rate.
      ['2026-03', 22_800, 24_600, 0],
      ['2026-04', 24_600, 29_600, 0],
    ]);
    expect(o.months[1]?.movements).toMatchObject({ expansion: 2_000, churn: -5_000 });
    expect(o.months[2]?.movements).toMatchObject({ new: 3_000, contraction: -1_200 });
    expect(o.months.map((m) => m.customersEnd)).toEqual([3, 2, 3, 4]);
    for (const m of o.months) {
      expect((m.mrrStart ?? NaN) + netNewMrr(m.movements) + (m.fxImpact ?? NaN)).toBe(m.mrrEnd);
    }
  });

  it('says which currency lacks a rate on which day, and leaves those months without MRR', async () => {
    const db = world.database.db;
    const b = world.tenants.B.id;
    await setRates(db, b, 'USD', [{ base: 'EUR', day: '2026-02-15', rate: '1.2' }]);
    await recordMovements(
      db,
      b,
      [
        {
          customerId: 'cus_b',
          kind: 'new',
          amount: 1_000,
          effectiveAt: dayOf('2026-01', 20),
          planId: 'pln_b',
          currency: 'EUR',
        },
      ],
      { reporting: 'USD', rates: [{ base: 'EUR', day: '2026-02-15', rate: '1.2' }] },
    );
    const o = await world.as('adminB').analytics.overview({ from: '2026-01', to: '2026-03', segment: {} });
    expect(o.months.map((m) => [m.month, m.mrrStart, m.mrrEnd, m.fxImpact])).toEqual([
      ['2026-01', 0, null, null],
      ['2026-02', null, 1_200, null],
      ['2026-03', 1_200, 1_200, 0],
    ]);
    expect(o.missingRates).toEqual([
      { currency: 'EUR', reporting: 'USD', day: '2026-01-31', months: ['2026-01', '2026-02'] },
    ]);
    // Its own amounts need no rate.
    const own = await world
      .as('adminB')
      .analytics.overview({ from: '2026-01', to: '2026-01', segment: { currency: 'EUR' } });
    expect(own.months[0]).toMatchObject({ mrrEnd: 1_000, missingRates: [] });
  });
});

describe('cohorts', () => {
  it('follow January’s dollar customers: Bob leaves in February and returns in April', async () => {
    const o = await world.as('viewerA').analytics.overview({ ...range, segment: { currency: 'USD' } });
    const january = o.cohorts[0];
    expect(january?.months.map((m) => [m.customers, m.mrr])).toEqual([
      [2, 15_000],
      [1, 12_000],
      [1, 12_000],
      [2, 17_000],
    ]);
    expect(basisPointsOf(january?.months[1]?.customerRetention ?? null)).toBe(5_000);
    expect(o.cohorts.map((c) => [c.cohort, c.startCustomers])).toEqual([
      ['2026-01', 2],
      ['2026-02', 0],
      ['2026-03', 1],
      ['2026-04', 0],
    ]);
    expect(o.cohortsSegmented).toBe(true);
  });
});

describe('tenants', () => {
  it('see only their own figures', async () => {
    const b = await world.as('adminB').analytics.overview({ ...range, segment: { currency: 'USD' } });
    expect(b.hasMovements).toBe(false);
    expect(b.months.every((m) => m.mrrEnd === 0 && m.customersEnd === 0)).toBe(true);
  });
});
