import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOVEMENT_KINDS } from '../../../../shared/analytics/formulas';
import { monthBounds, monthsBetween } from '../../../../shared/analytics/overview-months';
import type { Segment } from '../../../../shared/analytics/overview-schema';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { recordMovements, type MovementSeed } from './metrics.test-kit';
import { sumsTableFor } from './repo';

/**
 * mrr_monthly's roll-ups (migration 28) are kept by its triggers: after inserts, in-place
 * updates, a changed key and deletes they hold exactly mrr_monthly's sums, and the Overview
 * gives the same figures whichever table a segment is read from.
 */

let world: TestWorld;
let plans: { pro: string; team: string };
let seeds: MovementSeed[];
const range = { from: '2026-01', to: '2026-06' };

beforeAll(async () => {
  world = await createTestWorld();
  const staff = world.as('billingA');
  const product = await staff.catalog.createProduct({ name: 'Academy' });
  plans = {
    pro: (await staff.catalog.createPlan({ productId: product.id, name: 'Pro' })).id,
    team: (await staff.catalog.createPlan({ productId: product.id, name: 'Team' })).id,
  };
  const customer = (await staff.customers.create({ name: 'Ada', email: 'ada@a.example', country: 'US' })).id;
  // Every combination of plan, interval, source and country over six months, with amounts that
  // differ per combination so a movement counted in the wrong bucket changes a figure.
  const countries = ['US', 'FR', 'DE'];
  seeds = monthsBetween(range.from, range.to).flatMap((month, m) =>
    [plans.pro, plans.team].flatMap((planId, p) =>
      (['month', 'year'] as const).flatMap((interval, i) =>
        (['tollgate', 'stripe'] as const).flatMap((source, s) =>
          countries.map((country, c): MovementSeed => {
            const kind = MOVEMENT_KINDS[(m + p + i + s + c) % MOVEMENT_KINDS.length] ?? 'new';
            const sign = kind === 'churn' || kind === 'contraction' ? -1 : 1;
            return {
              customerId: customer,
              kind,
              amount: sign * (1_000 + 100 * p + 10 * i + s + 1_000 * c + m),
              effectiveAt: monthBounds(month).start + (1 + c) * 86_400_000,
              planId,
              interval,
              source,
              country,
            };
          }),
        ),
      ),
    ),
  );
  await recordMovements(world.database.db, world.tenants.A.id, seeds);
});
afterAll(async () => {
  await world?.close();
});

/** A roll-up as mrr_monthly sums it, and as the roll-up holds it, keyed alike. */
async function compare(table: 'mrr_monthly_plans' | 'mrr_monthly_countries') {
  const groups = table === 'mrr_monthly_plans' ? ['plan_id', 'interval', 'source'] : (['country'] as const);
  const key = [...groups, 'month', 'currency', 'kind'];
  const db = world.database.db;
  const sums = ['amount', 'amount_reporting', 'movements', 'customers'];
  const expected = await sql<Record<string, unknown>>`
    SELECT ${sql.join(key.map((k) => sql.ref(k)))},
      ${sql.join(sums.map((s) => sql`sum(${sql.ref(s)}) AS ${sql.ref(s)}`))}
    FROM mrr_monthly WHERE tenant_id = ${world.tenants.A.id}
    GROUP BY ${sql.join(key.map((k) => sql.ref(k)))}`.execute(db);
  const held = await sql<Record<string, unknown>>`
    SELECT ${sql.join([...key, ...sums].map((k) => sql.ref(k)))}
    FROM ${sql.table(table)} WHERE tenant_id = ${world.tenants.A.id}`.execute(db);
  const text = (rows: Record<string, unknown>[]) =>
    rows.map((r) => [...key, ...sums].map((k) => String(r[k])).join(' ')).sort();
  return { expected: text(expected.rows), held: text(held.rows) };
}

describe('the roll-ups of mrr_monthly', () => {
  it('hold its sums per plan, interval and source, and per country', async () => {
    for (const table of ['mrr_monthly_plans', 'mrr_monthly_countries'] as const) {
      const { expected, held } = await compare(table);
      expect(held.length).toBeGreaterThan(0);
      expect(held).toEqual(expected);
    }
  });

  it('follow updates in place, a changed key and deletes, and drop buckets left empty', async () => {
    const db = world.database.db;
    const tenant = world.tenants.A.id;
    const one = { tenant, month: '2026-02', plan: plans.team };
    await db
      .updateTable('mrr_monthly')
      .set((eb) => ({ amount: eb('amount', '+', 7), customers: eb('customers', '-', 1) }))
      .where('tenant_id', '=', one.tenant)
      .where('month', '=', one.month)
      .where('country', '=', 'US')
      .execute();
    await db
      .updateTable('mrr_monthly')
      .set({ country: 'IT' })
      .where('tenant_id', '=', tenant)
      .where('month', '=', '2026-03')
      .where('country', '=', 'DE')
      .execute();
    // Every German bucket of June and the team plan's of May go: their roll-up rows must too.
    await db
      .deleteFrom('mrr_monthly')
      .where('tenant_id', '=', tenant)
      .where((eb) =>
        eb.or([
          eb.and([eb('month', '=', '2026-06'), eb('country', '=', 'DE')]),
          eb.and([eb('month', '=', '2026-05'), eb('plan_id', '=', plans.team)]),
        ]),
      )
      .execute();
    for (const table of ['mrr_monthly_plans', 'mrr_monthly_countries'] as const) {
      const { expected, held } = await compare(table);
      expect(held).toEqual(expected);
    }
    const left = await db
      .selectFrom('mrr_monthly_countries')
      .select('country')
      .where('tenant_id', '=', tenant)
      .where((eb) =>
        eb.or([
          eb.and([eb('month', '=', '2026-06'), eb('country', '=', 'DE')]),
          eb.and([eb('month', '=', '2026-03'), eb('country', '=', 'DE')]),
        ]),
      )
      .execute();
    expect(left).toEqual([]);
    const teamInMay = await db
      .selectFrom('mrr_monthly_plans')
      .select('plan_id')
      .where('tenant_id', '=', tenant)
      .where('month', '=', '2026-05')
      .where('plan_id', '=', plans.team)
      .execute();
    expect(teamInMay).toEqual([]);
  });
});

describe('the Overview read from a roll-up', () => {
  /** Each month's MRR at its end, summed here from mrr_monthly's rows in the segment. */
  async function truth(segment: Segment) {
    const rows = await world.database.db
      .selectFrom('mrr_monthly')
      .selectAll()
      .where('tenant_id', '=', world.tenants.A.id)
      .execute();
    const kept = rows.filter(
      (r) =>
        (!segment.plan || r.plan_id === segment.plan) &&
        (!segment.interval || r.interval === segment.interval) &&
        (!segment.source || r.source === segment.source) &&
        (!segment.country || r.country === segment.country),
    );
    return monthsBetween(range.from, range.to).map((month) =>
      kept.filter((r) => r.month <= month).reduce((sum, r) => sum + Number(r.amount), 0),
    );
  }

  it('gives the figures mrr_monthly gives, for every kind of segment', async () => {
    const segments: [string, Segment][] = [
      ['mrr_monthly_plans', {}],
      ['mrr_monthly_plans', { plan: plans.pro }],
      ['mrr_monthly_plans', { interval: 'year' }],
      ['mrr_monthly_plans', { source: 'stripe' }],
      ['mrr_monthly_plans', { plan: plans.team, interval: 'month', source: 'tollgate' }],
      ['mrr_monthly_countries', { country: 'FR' }],
      ['mrr_monthly', { country: 'US', plan: plans.pro }],
      ['mrr_monthly', { country: 'FR', interval: 'year', source: 'stripe' }],
    ];
    for (const [table, segment] of segments) {
      expect(sumsTableFor(segment)).toBe(table);
      const overview = await world
        .as('viewerA')
        .analytics.overview({ ...range, segment: { ...segment, currency: 'USD' } });
      expect(overview.months.map((m) => m.mrrEnd)).toEqual(await truth(segment));
      expect(overview.months.some((m) => m.mrrEnd !== 0)).toBe(true);
    }
  });
});
