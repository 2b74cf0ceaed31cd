import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import type { DB } from '../../db/schema';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { seedDemoCatalog, type DemoCatalog } from '../catalog';
import { can, explain, limit } from './index';

let world: TestWorld;
let demo: DemoCatalog;
let customerId: string;
beforeEach(async () => {
  world = await createTestWorld();
  demo = await seedDemoCatalog(world.services.db, world.tenants.A.id, START);
  customerId = (
    await world.as('billingA').customers.create({ name: 'Ada', email: 'ada@example.com', country: 'GB' })
  ).id;
});
afterEach(async () => {
  await world.close();
});

const db = () => world.services.db;
const tenantA = () => world.tenants.A.id;

/** The subscription service isn't written yet: its rows are inserted as it will write them. */
async function insertSubscription(
  plan: 'free' | 'pro' | 'enterprise',
  status: DB['subscriptions']['status'],
  cancelAtPeriodEnd = false,
) {
  const id = newId('sub', START);
  const price = {
    free: demo.prices.freeMonthlyUsd,
    pro: demo.prices.proMonthlyUsd,
    enterprise: demo.prices.enterpriseMonthlyUsd,
  };
  await world.database.db
    .insertInto('subscriptions')
    .values({
      id,
      tenant_id: tenantA(),
      customer_id: customerId,
      plan_id: demo.plans[plan],
      price_id: price[plan],
      quantity: 1,
      currency: 'USD',
      status,
      billing_anchor: START,
      current_period_start: START,
      current_period_end: START + 30 * 86_400_000,
      trial_end_behavior: 'cancel',
      cancel_at_period_end: cancelAtPeriodEnd ? 1 : 0,
      version: 1,
      created_at: START,
      updated_at: START,
    })
    .execute();
  return id;
}

describe('which subscriptions grant access', () => {
  for (const status of ['trialing', 'active', 'past_due'] as const) {
    it(`a ${status} subscription grants its plan's features`, async () => {
      const id = await insertSubscription('pro', status);
      expect(await limit(db(), tenantA(), customerId, 'courses.max')).toBe(50);
      expect(await can(db(), tenantA(), customerId, 'analytics.advanced')).toBe(true);
      expect(await can(db(), tenantA(), customerId, 'branding.white_label')).toBe(false);
      const { sources } = await explain(db(), tenantA(), customerId);
      expect(sources).toEqual([
        expect.objectContaining({ kind: 'subscription', subscriptionId: id, status, grants: true }),
      ]);
    });
  }

  for (const status of ['paused', 'canceled', 'unpaid', 'incomplete'] as const) {
    it(`a ${status} subscription grants nothing, so the default plan applies`, async () => {
      const id = await insertSubscription('enterprise', status);
      expect(await limit(db(), tenantA(), customerId, 'courses.max')).toBe(3);
      expect(await can(db(), tenantA(), customerId, 'branding.white_label')).toBe(false);
      const { sources } = await explain(db(), tenantA(), customerId);
      expect(sources.map((s) => s.label)).toEqual([
        `Enterprise plan · subscription ${id} (${status}: grants nothing)`,
        'Free plan (workspace default, no active subscription)',
      ]);
    });
  }

  it('keeps access for a subscription set to cancel at period end, and says so', async () => {
    const id = await insertSubscription('pro', 'active', true);
    expect(await can(db(), tenantA(), customerId, 'api.access')).toBe(true);
    const check = await world.as('viewerA').entitlements.check({ customerId, featureKey: 'api.access' });
    expect(check).toEqual({
      featureKey: 'api.access',
      kind: 'flag',
      allowed: true,
      limit: null,
      reason: `On — from Pro plan · subscription ${id} (active, cancels at period end)`,
    });
  });
});

describe('several subscriptions', () => {
  it('OR their flags and take the largest limit, unlimited winning', async () => {
    const pro = await insertSubscription('pro', 'active');
    const enterprise = await insertSubscription('enterprise', 'past_due');
    expect(await limit(db(), tenantA(), customerId, 'courses.max')).toBeNull();
    expect(await can(db(), tenantA(), customerId, 'branding.white_label')).toBe(true);
    const explained = await world.as('billingA').entitlements.forCustomer({ customerId });
    const feature = (key: string) => explained.features.find((f) => f.key === key);
    expect(feature('courses.max')).toMatchObject({
      allowed: true,
      limit: null,
      grantedBy: [`Enterprise plan · subscription ${enterprise} (past due, in grace period)`],
      reason: `Unlimited — from Enterprise plan · subscription ${enterprise} (past due, in grace period)`,
    });
    expect(feature('analytics.advanced')?.grantedBy).toEqual([
      `Pro plan · subscription ${pro} (active)`,
      `Enterprise plan · subscription ${enterprise} (past due, in grace period)`,
    ]);
    expect(explained.features).toHaveLength(7);
  });

  it('take the larger of two finite limits', async () => {
    await world.as('billingA').catalog.updatePlan({
      id: demo.plans.free,
      expectedVersion: 1,
      patch: { features: { 'courses.max': 80, 'students.max': 10 } },
    });
    await insertSubscription('free', 'active');
    await insertSubscription('pro', 'trialing');
    expect(await limit(db(), tenantA(), customerId, 'courses.max')).toBe(80);
    expect(await limit(db(), tenantA(), customerId, 'students.max')).toBe(1000);
  });
});

describe('the default plan', () => {
  it('applies without a subscription, follows the default when it moves, and explains itself', async () => {
    const explained = await world.as('viewerA').entitlements.forCustomer({ customerId });
    expect(explained.sources).toEqual([
      {
        kind: 'default_plan',
        planId: demo.plans.free,
        planName: 'Free',
        grants: true,
        label: 'Free plan (workspace default, no active subscription)',
      },
    ]);
    expect(explained.features.find((f) => f.key === 'support.priority')).toMatchObject({
      allowed: false,
      limit: 0,
      reason: 'Not included in Free plan (workspace default, no active subscription)',
    });
    await world.as('billingA').catalog.setDefaultPlan({ id: demo.plans.pro });
    expect(await limit(db(), tenantA(), customerId, 'courses.max')).toBe(50);
  });

  it('leaves a customer with nothing when the workspace has no default plan', async () => {
    const asB = world.as('owner', world.tenants.B.id);
    await asB.catalog.createFeature({ key: 'courses.max', name: 'Courses', kind: 'limit' });
    const product = await asB.catalog.createProduct({ name: 'B courses' });
    await asB.catalog.createPlan({ productId: product.id, name: 'Solo', features: { 'courses.max': 5 } });
    const bertha = await asB.customers.create({ name: 'Bertha', email: 'bertha@b.example', country: 'DE' });
    expect(await asB.entitlements.check({ customerId: bertha.id, featureKey: 'courses.max' })).toEqual({
      featureKey: 'courses.max',
      kind: 'limit',
      allowed: false,
      limit: 0,
      reason: 'No subscription, and the workspace has no default plan',
    });
  });
});

describe('unknown customers and features', () => {
  it('NOT_FOUND names the feature key', async () => {
    const seen = await expectDomainError(
      () => world.as('viewerA').entitlements.check({ customerId, featureKey: 'courses.maximum' }),
      'NOT_FOUND',
    );
    expect(seen.message).toBe('There is no feature with the key courses.maximum');
    await expect(can(db(), tenantA(), customerId, 'seats.max')).rejects.toThrow(
      'There is no feature with the key seats.max',
    );
  });

  it('NOT_FOUND for another tenant’s customer', async () => {
    const bertha = await world
      .as('adminB')
      .customers.create({ name: 'Bertha', email: 'b@b.example', country: 'DE' });
    const seen = await expectDomainError(
      () => world.as('billingA').entitlements.forCustomer({ customerId: bertha.id }),
      'NOT_FOUND',
    );
    expect(seen.message).toBe('Customer was not found');
    await expect(limit(db(), tenantA(), bertha.id, 'courses.max')).rejects.toThrow('Customer was not found');
  });
});
