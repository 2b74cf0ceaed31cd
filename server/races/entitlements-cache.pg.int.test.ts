import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { limit } from '../modules/entitlements';
import { SHARED_DATABASE_CACHE_MS } from '../modules/entitlements/store';
import { START } from '../testing/world.test-kit';
import { subscriptionRow } from '../testing/subscription-rows.test-kit';
import { twoInstances, type TwoInstances } from './instances.test-kit';

/**
 * The entitlements cache across instances (decision 112). A command invalidates the stores of
 * its own process only; another instance learns of the change by its entries' age. In one
 * process the invalidation would reach both instances' stores, so the change here is written
 * as another process's command would leave it, and no invalidation follows.
 */

let race: TwoInstances;
let customerId: string;
beforeEach(async () => {
  race = await twoInstances();
  customerId = (
    await race.one.as('billingA').customers.create({ name: 'Ada', email: 'ada@example.com', country: 'GB' })
  ).id;
});
afterEach(async () => {
  await race.close();
});

/** A Pro subscription committed by the other instance's process. */
async function subscribeOnTheOtherInstance() {
  const row = subscriptionRow({
    tenantId: race.world.tenants.A.id,
    customerId,
    planId: race.world.catalog.plans.pro,
    priceId: race.world.catalog.prices.proMonthlyUsd,
    status: 'active',
    periodEnd: START + 30 * 24 * 60 * 60 * 1000,
  });
  await race.two.database.db.insertInto('subscriptions').values(row).execute();
}

describe("an instance's entitlements cache", () => {
  it("answers another instance's change once its entry is SHARED_DATABASE_CACHE_MS old", async () => {
    const { world } = race;
    const coursesOnOne = () =>
      limit(race.one.services.db, world.tenants.A.id, customerId, 'courses.max', world.clock);
    // The default plan (Free: 3 courses), now cached by instance one.
    expect(await coursesOnOne()).toBe(3);

    await subscribeOnTheOtherInstance();
    // The other instance, reading afresh, sees Pro's 50 at once; instance one still answers from its entry…
    expect(
      await limit(race.two.services.db, world.tenants.A.id, customerId, 'courses.max', world.clock),
    ).toBe(50);
    expect(await coursesOnOne()).toBe(3);
    world.clock.advance(SHARED_DATABASE_CACHE_MS - 1);
    expect(await coursesOnOne()).toBe(3);
    // …until the entry is old enough: then it reads the database again.
    world.clock.advance(1);
    expect(await coursesOnOne()).toBe(50);
  });
});
