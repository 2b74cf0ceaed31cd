import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

describe('a plan change in the subscription’s history', () => {
  it('records from what to what, plan, billing interval and seats', async () => {
    const staff = world.as('billingA');
    const { customerId } = await world.customerOnClock('Upgrader', GOOD_CARD);
    const { subscription } = await staff.subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      quantity: 3,
      trialDays: 0,
    });
    await staff.subscriptions.changePlan({
      id: subscription.id,
      priceId: world.catalog.prices.enterpriseMonthlyUsd,
      quantity: 5,
      timing: 'now',
      expectedVersion: (await staff.subscriptions.get({ id: subscription.id })).subscription.version,
    });
    const { events } = await staff.subscriptions.get({ id: subscription.id });
    const change = events.find((e) => e.data.reason === 'change_plan');
    expect(change?.data).toMatchObject({
      timing: 'now',
      from: { plan: 'Pro', interval: 'month', quantity: 3 },
      to: { plan: 'Enterprise', interval: 'month', quantity: 5 },
    });
  });
});
