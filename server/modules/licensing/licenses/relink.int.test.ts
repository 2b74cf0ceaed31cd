import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { createLicensingWorld, fixedPolicy, type LicensingWorld } from '../licensing-world.test-kit';

/**
 * `licenses.relink`: a license follows another subscription of its customer — the way back for
 * a customer who subscribed again after their subscription ended (a SUBSCRIPTION license
 * cannot be renewed past an ended subscription, decision 159).
 */

let lw: LicensingWorld;
beforeEach(async () => {
  lw = await createLicensingWorld();
});
afterEach(() => lw.world.close());

const admin = () => lw.world.as('adminA');
const billing = () => lw.world.as('billingA');
const db = () => lw.world.database.db;
const followsSubscription = { durationKind: 'SUBSCRIPTION' as const, durationDays: null };

async function issuedTo(
  subscriptionId: string,
  over: Parameters<typeof fixedPolicy>[1] = followsSubscription,
) {
  const policy = await admin().licensePolicies.create(fixedPolicy(lw.productId, over));
  const { license } = await admin().licenses.issue({
    customerId: lw.ada,
    policyId: policy.id,
    subscriptionId,
    name: 'Ada’s campus',
  });
  return license;
}

async function resubscribe(customerId: string, formerSubscriptionId: string) {
  const { price_id } = await db()
    .selectFrom('subscriptions')
    .select('price_id')
    .where('id', '=', formerSubscriptionId)
    .executeTakeFirstOrThrow();
  const { subscription } = await billing().subscriptions.create({
    customerId,
    priceId: price_id,
    trialDays: 0,
  });
  return subscription;
}

describe('licenses.relink', () => {
  it('gives a license whose subscription ended the new subscription’s period, audited', async () => {
    const license = await issuedTo(lw.adaSubscriptionId);
    await billing().subscriptions.cancel({ id: lw.adaSubscriptionId, when: 'now' });
    const lapsed = await admin().licenses.get({ id: license.id });
    expect(lapsed.license.expiresAt).toBe(lw.world.clock.now());
    await expectDomainError(
      () => admin().licenses.renew({ id: license.id, expectedVersion: lapsed.license.version }),
      'INVALID_STATE',
    );

    const again = await resubscribe(lw.ada, lw.adaSubscriptionId);
    const relinked = await admin().licenses.relink({
      id: license.id,
      expectedVersion: lapsed.license.version,
      subscriptionId: again.id,
    });
    expect(relinked).toMatchObject({
      subscriptionId: again.id,
      expiresAt: again.currentPeriodEnd,
      expiryRemindedDays: null,
      version: lapsed.license.version + 1,
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', license.id)
      .where('action', '=', 'license.relinked')
      .execute();
    expect(audit).toHaveLength(1);
    // The renewal staff could not make before now follows the new subscription.
    const renewed = await admin().licenses.renew({ id: license.id, expectedVersion: relinked.version });
    expect(renewed.expiresAt).toBe(again.currentPeriodEnd);
  });

  it('keeps a FIXED license’s expiry and only links it', async () => {
    const license = await issuedTo(lw.adaSubscriptionId, {});
    const second = await resubscribe(lw.ada, lw.adaSubscriptionId);
    const relinked = await admin().licenses.relink({
      id: license.id,
      expectedVersion: 1,
      subscriptionId: second.id,
    });
    expect(relinked).toMatchObject({ subscriptionId: second.id, expiresAt: license.expiresAt });
  });

  it('refuses another customer’s subscription, the same one, an ended one and a revoked license', async () => {
    const license = await issuedTo(lw.adaSubscriptionId);
    const v = { id: license.id, expectedVersion: 1 };
    const other = await expectDomainError(
      () => admin().licenses.relink({ ...v, subscriptionId: lw.graceSubscriptionId }),
      'NOT_FOUND',
    );
    expect(other.message).toContain('not found for this customer');
    const same = await expectDomainError(
      () => admin().licenses.relink({ ...v, subscriptionId: lw.adaSubscriptionId }),
      'INVALID_INPUT',
    );
    expect(same.message).toContain('already follows');
    const ended = await resubscribe(lw.ada, lw.adaSubscriptionId);
    await billing().subscriptions.cancel({ id: ended.id, when: 'now' });
    await expectDomainError(
      () => admin().licenses.relink({ ...v, subscriptionId: ended.id }),
      'INVALID_STATE',
    );
    const revoked = await admin().licenses.revoke(v);
    await expectDomainError(
      () =>
        admin().licenses.relink({
          id: license.id,
          expectedVersion: revoked.version,
          subscriptionId: ended.id,
        }),
      'INVALID_STATE',
    );
    await expectDomainError(
      () => lw.world.as('viewerA').licenses.relink({ ...v, subscriptionId: lw.adaSubscriptionId }),
      'FORBIDDEN',
    );
  });

  it('moves a SUBSCRIPTION license’s expiry to the new customer’s subscription on a transfer', async () => {
    const license = await issuedTo(lw.adaSubscriptionId);
    const graces = await db()
      .selectFrom('subscriptions')
      .select('current_period_end')
      .where('id', '=', lw.graceSubscriptionId)
      .executeTakeFirstOrThrow();
    const moved = await admin().licenses.transfer({
      id: license.id,
      expectedVersion: 1,
      customerId: lw.grace,
      subscriptionId: lw.graceSubscriptionId,
    });
    expect(moved).toMatchObject({
      subscriptionId: lw.graceSubscriptionId,
      expiresAt: graces.current_period_end,
    });
  });
});
