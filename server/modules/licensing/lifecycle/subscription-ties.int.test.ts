import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/billing/periods';
import { decide } from '../../../../shared/licensing/decision';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../../testing/billing.test-kit';
import { licenseStateOf, policyFromRow } from '../rows';
import { insertLicense, insertPolicy, licenseRow } from './lifecycle.test-kit';
import { START } from '../../../testing/world.test-kit';
import { expectDomainError } from '../../../testing/errors.test-kit';

/**
 * Licenses follow real subscriptions driven by the billing engine on test clocks: each change
 * happens in the subscription write's transaction (billing's port), audited as Licensing.
 */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const HOUR = 3_600_000;
const staff = () => world.as('billingA');
const tenantId = () => world.tenants.A.id;

async function subscriber(name: string, card: string, trialDays = 0) {
  const { customerId, clockId } = await world.customerOnClock(name, card);
  const { subscription } = await staff().subscriptions.create({
    customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays,
  });
  return { customerId, clockId, subscription };
}

async function licensed(
  name: string,
  card = GOOD_CARD,
  options: {
    trialDays?: number;
    duration?: 'FIXED' | 'SUBSCRIPTION';
    pastDueAction?: 'OVERDUE' | 'SUSPEND';
  } = {},
) {
  const { customerId, clockId, subscription } = await subscriber(name, card, options.trialDays);
  const policyId = await insertPolicy(world.database.db, {
    tenantId: tenantId(),
    productId: world.catalog.productId,
    planId: world.catalog.plans.pro,
    ...(options.duration && { duration: options.duration }),
    ...(options.pastDueAction && { pastDueAction: options.pastDueAction }),
    now: START,
  });
  const fixed = options.duration === 'FIXED';
  const licenseId = await insertLicense(world.database.db, {
    tenantId: tenantId(),
    customerId,
    policyId,
    subscriptionId: subscription.id,
    expiresAt: fixed ? START + 365 * DAY_MS : subscription.currentPeriodEnd,
    issuedAt: START,
  });
  return { customerId, clockId, subscription, policyId, licenseId };
}

async function followEntries(licenseId: string) {
  const rows = await world.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_name', 'after'])
    .where('entity_id', '=', licenseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    actor: r.actor_name,
    ...(JSON.parse(r.after ?? '{}') as { effects?: string[]; attention?: string | null }),
  }));
}

async function decisionAt(licenseId: string, now: number) {
  const db = world.database.db;
  const license = await licenseRow(db, licenseId);
  const policy = await db
    .selectFrom('license_policies')
    .selectAll()
    .where('id', '=', license.policy_id)
    .executeTakeFirstOrThrow();
  const state = licenseStateOf({ license, policy, machines: [], users: [], usage: {} });
  return decide(state, policyFromRow(policy), { key: 'k' }, now);
}

describe('a SUBSCRIPTION license', () => {
  it('is extended by each renewal to the new period end, and its reminders start over', async () => {
    const { clockId, subscription, licenseId } = await licensed('Renewing Rae');
    await world.database.db.updateTable('licenses').set({ expiry_reminded_days: 7 }).execute();
    await world.advance(clockId, subscription.currentPeriodEnd + HOUR);
    const renewed = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    expect(renewed.currentPeriodEnd).toBeGreaterThan(subscription.currentPeriodEnd);
    expect(await licenseRow(world.database.db, licenseId)).toMatchObject({
      expires_at: renewed.currentPeriodEnd,
      renewed_at: subscription.currentPeriodEnd,
      expiry_reminded_days: null,
      version: 2,
    });
    expect(await followEntries(licenseId)).toEqual([
      expect.objectContaining({
        action: 'license.subscription_followed',
        actor: 'Licensing',
        effects: ['renewed'],
      }),
    ]);
  });

  it('expires at the period end once canceled then, and stays expired when the period ends', async () => {
    const { clockId, subscription, licenseId } = await licensed('Leaving Lou');
    // Issued without an expiry: the cancellation gives it one.
    await world.database.db.updateTable('licenses').set({ expires_at: null }).execute();
    await world.advance(clockId, START + 3 * DAY_MS);
    await staff().subscriptions.cancel({ id: subscription.id, when: 'period_end' });
    expect((await licenseRow(world.database.db, licenseId)).expires_at).toBe(subscription.currentPeriodEnd);
    await world.advance(clockId, subscription.currentPeriodEnd + HOUR);
    const ended = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    expect(ended.status).toBe('canceled');
    expect((await licenseRow(world.database.db, licenseId)).expires_at).toBe(subscription.currentPeriodEnd);
    expect((await decisionAt(licenseId, subscription.currentPeriodEnd + HOUR)).code).toBe('EXPIRED');
    expect((await followEntries(licenseId)).map((e) => e.effects)).toEqual([['expires_at_period_end']]);
  });

  it('expires at once when the subscription is canceled now', async () => {
    const { clockId, subscription, licenseId } = await licensed('Abrupt Abe');
    await world.advance(clockId, START + 3 * DAY_MS);
    await staff().subscriptions.cancel({ id: subscription.id, when: 'now' });
    expect((await licenseRow(world.database.db, licenseId)).expires_at).toBe(START + 3 * DAY_MS);
    expect((await followEntries(licenseId)).map((e) => e.effects)).toEqual([['ended']]);
  });

  it('is refused a staff renewal once its subscription has ended, saying so; a live one renews to its period', async () => {
    // Issued by staff (the kit's rows carry ids the procedures' inputs refuse).
    const { customerId, clockId, subscription } = await subscriber('Renewing Rita', GOOD_CARD);
    const policy = await staff().licensePolicies.create({
      name: 'Pro follows its subscription',
      productId: world.catalog.productId,
      planId: world.catalog.plans.pro,
      durationKind: 'SUBSCRIPTION',
      machineMode: 'NONE',
      expirationStrategy: 'RESTRICT',
      pastDueAction: 'OVERDUE',
    });
    const { license } = await staff().licenses.issue({
      customerId,
      policyId: policy.id,
      subscriptionId: subscription.id,
      name: 'Rita’s studio',
    });
    const licenseId = license.id;
    await world.advance(clockId, START + 3 * DAY_MS);
    const version = async () => (await licenseRow(world.database.db, licenseId)).version;
    const renewed = await staff().licenses.renew({ id: licenseId, expectedVersion: await version() });
    expect(renewed.expiresAt).toBe(subscription.currentPeriodEnd);
    await staff().subscriptions.cancel({ id: subscription.id, when: 'now' });
    const before = await licenseRow(world.database.db, licenseId);
    const error = await expectDomainError(
      () => staff().licenses.renew({ id: licenseId, expectedVersion: before.version }),
      'INVALID_STATE',
    );
    expect(error.message).toContain(`subscription ${subscription.id}, which ended on 2026-01-18`);
    expect(error.message).toContain('cannot be reactivated');
    // Nothing changed: the license still ends when its subscription did, and no renewal is audited.
    expect(await licenseRow(world.database.db, licenseId)).toEqual(before);
    const renewals = (await followEntries(licenseId)).filter((e) => e.action === 'license.renewed');
    expect(renewals).toHaveLength(1);
  });

  it('moves to the new plan’s policy; with none for it, it stays and is flagged once', async () => {
    const { subscription, licenseId } = await licensed('Growing Gus');
    const enterprise = await insertPolicy(world.database.db, {
      tenantId: tenantId(),
      productId: world.catalog.productId,
      planId: world.catalog.plans.enterprise,
      now: START,
    });
    const moved = await staff().subscriptions.changePlan({
      id: subscription.id,
      priceId: world.catalog.prices.enterpriseMonthlyUsd,
      quantity: 1,
      timing: 'now',
      expectedVersion: subscription.version,
    });
    expect((await licenseRow(world.database.db, licenseId)).policy_id).toBe(enterprise);
    // Archived, the enterprise policy no longer takes licenses: back to Pro, then Enterprise again.
    await world.database.db
      .updateTable('license_policies')
      .set({ archived_at: START })
      .where('id', '=', enterprise)
      .execute();
    await world.database.db
      .updateTable('licenses')
      .set({ policy_id: (await licensed('Other Olga')).policyId })
      .where('id', '=', licenseId)
      .execute();
    await staff().subscriptions.changePlan({
      id: subscription.id,
      priceId: world.catalog.prices.enterpriseYearlyUsd,
      quantity: 2,
      timing: 'now',
      expectedVersion: moved.subscription.version,
    });
    await staff().subscriptions.pause({ id: subscription.id });
    const flagged = (await followEntries(licenseId)).filter((e) => e.effects?.includes('plan_unmatched'));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.attention).toContain('has no license policy');
    expect((await licenseRow(world.database.db, licenseId)).policy_id).not.toBe(enterprise);
  });

  it('never follows another customer’s subscription', async () => {
    const { clockId, subscription, policyId } = await licensed('Owner Ola');
    const { customerId: stranger } = await world.customerOnClock('Stranger Sam');
    const theirs = await insertLicense(world.database.db, {
      tenantId: tenantId(),
      customerId: stranger,
      policyId,
      subscriptionId: subscription.id,
      expiresAt: START + DAY_MS,
      issuedAt: START,
    });
    await world.advance(clockId, subscription.currentPeriodEnd + HOUR);
    expect(await licenseRow(world.database.db, theirs)).toMatchObject({
      expires_at: START + DAY_MS,
      version: 1,
    });
  });
});

describe('past due', () => {
  const TRIAL_END = START + 14 * DAY_MS;

  for (const [action, code] of [
    ['OVERDUE', 'OVERDUE'],
    ['SUSPEND', 'SUSPENDED'],
  ] as const) {
    it(`keeps a license valid through the recovery grace, then ${code}; paying clears it`, async () => {
      const { clockId, subscription, licenseId } = await licensed(`Late ${action}`, FAILING_CARD, {
        trialDays: 14,
        pastDueAction: action,
      });
      await world.advance(clockId, TRIAL_END + HOUR);
      expect((await staff().subscriptions.get({ id: subscription.id })).subscription.status).toBe('past_due');
      const recovery = await world.database.db
        .selectFrom('invoice_recoveries')
        .select('grace_ends_at')
        .where('subscription_id', '=', subscription.id)
        .executeTakeFirstOrThrow();
      const license = await licenseRow(world.database.db, licenseId);
      expect(license.past_due_grace_ends_at).toBe(recovery.grace_ends_at);
      expect(license.past_due_grace_ends_at).toBe(TRIAL_END + 14 * DAY_MS);
      expect(await decisionAt(licenseId, TRIAL_END + 2 * DAY_MS)).toMatchObject({
        valid: true,
        code: 'VALID',
      });
      expect(await decisionAt(licenseId, TRIAL_END + 14 * DAY_MS + 1)).toMatchObject({ valid: false, code });

      await staff().paymentMethods.add({
        customerId: license.customer_id,
        source: GOOD_CARD,
        makeDefault: true,
      });
      expect((await staff().subscriptions.get({ id: subscription.id })).subscription.status).toBe('active');
      expect((await licenseRow(world.database.db, licenseId)).past_due_grace_ends_at).toBeNull();
      const effects = (await followEntries(licenseId)).map((e) => e.effects);
      expect(effects).toEqual([['renewed'], ['past_due'], ['paid']]);
    });
  }

  it('a FIXED license takes the grace but keeps its own expiry through renewals', async () => {
    const { clockId, licenseId } = await licensed('Fixed Fay', FAILING_CARD, {
      trialDays: 14,
      duration: 'FIXED',
    });
    await world.advance(clockId, TRIAL_END + HOUR);
    expect(await licenseRow(world.database.db, licenseId)).toMatchObject({
      expires_at: START + 365 * DAY_MS,
      past_due_grace_ends_at: TRIAL_END + 14 * DAY_MS,
    });
  });
});
