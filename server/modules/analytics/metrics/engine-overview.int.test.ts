import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOVEMENT_KINDS, netNewMrr } from '../../../../shared/analytics/formulas';
import { monthOfTime } from '../../../../shared/analytics/overview-months';
import { DAY_MS } from '../../../../shared/billing/periods';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { START } from '../../../testing/world.test-kit';
import { listMovements, type MovementItem } from './movements';

/**
 * The Overview on movements the engine wrote from real billing (trials converting, an upgrade,
 * a cancellation): every figure is what its drill-down's movements add up to, and every month
 * reconciles.
 */

const TRIAL_END = START + 14 * DAY_MS;
let world: BillingWorld;
let churnedSubscription: string;

beforeAll(async () => {
  world = await createBillingWorld();
  const staff = world.as('billingA');
  const { prices } = world.catalog;
  const stays = await world.customerOnClock('Stella Stays', GOOD_CARD);
  const { subscription } = await staff.subscriptions.create({
    customerId: stays.customerId,
    priceId: prices.proMonthlyUsd,
  });
  const leaves = await world.customerOnClock('Lou Leaves', GOOD_CARD);
  const gone = await staff.subscriptions.create({
    customerId: leaves.customerId,
    priceId: prices.proMonthlyUsd,
  });
  churnedSubscription = gone.subscription.id;
  await world.advance(stays.clockId, TRIAL_END + DAY_MS);
  await world.advance(leaves.clockId, TRIAL_END + DAY_MS);
  const current = (await staff.subscriptions.get({ id: subscription.id })).subscription;
  await staff.subscriptions.changePlan({
    id: subscription.id,
    priceId: prices.enterpriseMonthlyUsd,
    quantity: 1,
    timing: 'now',
    expectedVersion: current.version,
  });
  await staff.subscriptions.cancel({ id: churnedSubscription, when: 'now' });
});
afterAll(async () => {
  await world?.close();
});

async function everyMovement(view: Parameters<typeof listMovements>[2]) {
  const all: MovementItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await listMovements(world.database.db, world.tenants.A.id, view, cursor, 50);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe('the Overview on the engine’s movements', () => {
  it('shows per kind exactly what the movements behind it add up to, and reconciles', async () => {
    const month = monthOfTime(TRIAL_END + DAY_MS);
    const view = { from: monthOfTime(START), to: month, segment: { currency: 'USD' } };
    const o = await world.as('viewerA').analytics.overview(view);
    expect(o.hasMovements).toBe(true);
    for (const row of o.months) {
      const moves = await everyMovement({ ...view, from: row.month, to: row.month, kind: null });
      for (const kind of MOVEMENT_KINDS) {
        const behind = moves.filter((m) => m.kind === kind).reduce((s, m) => s + m.amount, 0);
        expect(row.movements[kind], `${row.month} ${kind}`).toBe(behind);
      }
      expect((row.mrrStart ?? NaN) + netNewMrr(row.movements)).toBe(row.mrrEnd);
    }
    const last = o.months.at(-1);
    expect(last?.movements.new).toBeGreaterThan(0);
    expect(last?.movements.expansion).toBeGreaterThan(0);
    expect(last?.churnedCustomers).toBe(1);
    expect(o.headline.current?.payingCustomers).toBe(1);
  });

  it('drills from the month’s churn to the canceled subscription', async () => {
    const month = monthOfTime(TRIAL_END + DAY_MS);
    const page = await world
      .as('viewerA')
      .analytics.movements({ from: month, to: month, kind: 'churn', segment: {} });
    expect(page.items.map((m) => [m.subscriptionId, m.customerName])).toEqual([
      [churnedSubscription, 'Lou Leaves'],
    ]);
  });
});
