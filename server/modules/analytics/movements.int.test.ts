import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { START } from '../../testing/world.test-kit';
import { monthlySums, movementsOf, rederived } from './analytics.test-kit';

/**
 * MRR movements written by Tollgate's own subscription commands, on a test clock: each
 * command records them in its own transaction, the sums follow, and deriving again from the
 * states gives exactly the rows written.
 */

const HOUR = 3_600_000;
const TRIAL_END = START + 14 * DAY_MS;

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const tenantId = () => world.tenants.A.id;

async function expectConsistent(customerId: string) {
  const sums = await monthlySums(world, tenantId());
  expect(sums.stored).toEqual(sums.summed);
  const again = await rederived(world, tenantId(), customerId, Date.now());
  expect(again.stored).toEqual(again.derived);
}

describe('MRR movements of Tollgate subscriptions', () => {
  it('follow a trial, its conversion, an upgrade, seats, a pause and a cancel at period end', async () => {
    const { customerId, clockId } = await world.customerOnClock('Mona Movement', GOOD_CARD);
    const { prices, plans } = world.catalog;
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: prices.proMonthlyUsd,
    });
    expect(await movementsOf(world, tenantId(), customerId)).toEqual([]);

    await world.advance(clockId, TRIAL_END + HOUR);
    const upgradeAt = TRIAL_END + 2 * DAY_MS;
    await world.advance(clockId, upgradeAt);
    let current = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    await staff().subscriptions.changePlan({
      id: subscription.id,
      priceId: prices.enterpriseMonthlyUsd,
      quantity: 1,
      timing: 'now',
      expectedVersion: current.version,
    });
    current = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    await staff().subscriptions.changePlan({
      id: subscription.id,
      priceId: prices.enterpriseMonthlyUsd,
      quantity: 3,
      timing: 'now',
      expectedVersion: current.version,
    });
    const at = (m: { at: number }) => m.at;
    const moves = await movementsOf(world, tenantId(), customerId);
    expect(moves.map(({ kind, amount, plan, delta }) => ({ kind, amount, plan, delta }))).toEqual([
      { kind: 'new', amount: 999, plan: plans.pro, delta: 1 },
      { kind: 'expansion', amount: 9900, plan: plans.enterprise, delta: 0 },
      { kind: 'expansion', amount: -999, plan: plans.pro, delta: 0 },
      { kind: 'expansion', amount: 19800, plan: plans.enterprise, delta: 0 },
    ]);
    expect(moves.map(at)).toEqual([TRIAL_END, upgradeAt, upgradeAt, upgradeAt]);
    expect(moves.every((m) => m.cause === 'billing_event' && m.source === 'tollgate')).toBe(true);
    await expectConsistent(customerId);

    await staff().subscriptions.pause({ id: subscription.id });
    await world.advance(clockId, upgradeAt + DAY_MS);
    await staff().subscriptions.resume({ id: subscription.id });
    const afterPause = (await movementsOf(world, tenantId(), customerId)).slice(4);
    expect(afterPause.map(({ kind, amount, delta }) => ({ kind, amount, delta }))).toEqual([
      { kind: 'churn', amount: -29700, delta: -1 },
      { kind: 'reactivation', amount: 29700, delta: 1 },
    ]);

    await staff().subscriptions.cancel({ id: subscription.id, when: 'period_end' });
    expect(await movementsOf(world, tenantId(), customerId)).toHaveLength(6);
    const periodEnd = (await staff().subscriptions.get({ id: subscription.id })).subscription
      .currentPeriodEnd;
    await world.advance(clockId, periodEnd + DAY_MS);
    const last = (await movementsOf(world, tenantId(), customerId)).slice(6);
    expect(last).toEqual([
      expect.objectContaining({ kind: 'churn', amount: -29700, at: periodEnd, delta: -1 }),
    ]);
    await expectConsistent(customerId);
    // Desktops receive the movements and their sums through the row log (composite keys as JSON arrays).
    const logged = await world.database.db
      .selectFrom('sync_rows')
      .select(['tbl', 'pk'])
      .where('tenant_id', '=', tenantId())
      .where('tbl', 'in', ['mrr_movements', 'mrr_monthly'])
      .execute();
    expect(logged.filter((r) => r.tbl === 'mrr_movements')).toHaveLength(7);
    const monthlyKeys = logged
      .filter((r) => r.tbl === 'mrr_monthly')
      .map((r) => JSON.parse(r.pk) as string[]);
    expect(monthlyKeys.length).toBeGreaterThan(0);
    expect(monthlyKeys.every((key) => key.length === 8 && key[0] === tenantId())).toBe(true);
  });

  it('count a past-due subscription until recovery’s final action churns it', async () => {
    const { customerId, clockId } = await world.customerOnClock('Rita Recovery', FAILING_CARD);
    await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proYearlyUsd,
      trialDays: 14,
    });
    await world.advance(clockId, TRIAL_END + 30 * DAY_MS);
    const moves = await movementsOf(world, tenantId(), customerId);
    // 9,990 a year is 832.5 a month: half to even gives 832.
    expect(moves.map(({ kind, amount, at }) => ({ kind, amount, at }))).toEqual([
      { kind: 'new', amount: 832, at: TRIAL_END },
      { kind: 'churn', amount: -832, at: TRIAL_END + 7 * DAY_MS },
    ]);
    await expectConsistent(customerId);
  });
});
