import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/licensing/policy';
import { verifyLicenseKey } from '../../../../shared/licensing/signing';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { publishedKeySet } from '../keys/service';
import {
  auditText,
  createLicensingWorld,
  fixedPolicy,
  type LicensingWorld,
} from '../licensing-world.test-kit';
import { licenseKeyHash } from '../api/key-hash';

let lw: LicensingWorld;
beforeEach(async () => {
  lw = await createLicensingWorld();
});
afterEach(() => lw.world.close());

const admin = () => lw.world.as('adminA');
const db = () => lw.world.database.db;
const now = () => lw.world.clock.now();

async function issued(over: Parameters<typeof fixedPolicy>[1] = {}, subscription = false) {
  const policy = await admin().licensePolicies.create(fixedPolicy(lw.productId, over));
  return admin().licenses.issue({
    customerId: lw.ada,
    policyId: policy.id,
    subscriptionId: subscription ? lw.adaSubscriptionId : null,
    name: 'Ada’s campus',
    entitlements: ['exams'],
  });
}

describe('licenses.issue', () => {
  it('signs a key once, stores its hash, sealed text and hint, and keeps the key out of the audit', async () => {
    const { license, key } = await issued();
    expect(license).toMatchObject({
      customerId: lw.ada,
      name: 'Ada’s campus',
      status: 'ACTIVE',
      issuedAt: now(),
      expiresAt: now() + 30 * DAY_MS,
      entitlements: ['exams'],
      keyHint: key.slice(-4),
      version: 1,
    });
    expect(JSON.stringify(license)).not.toContain(key);
    const check = await verifyLicenseKey(key, await publishedKeySet(db(), lw.world.tenants.A.id));
    expect(check).toMatchObject({ ok: true, payload: { licenseId: license.id, issuedAt: now() } });
    const row = await db().selectFrom('licenses').selectAll().executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(licenseKeyHash(key));
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_sealed).toMatch(/^sb1:/);
    const audit = await auditText(lw.world);
    expect(audit).toContain(license.id);
    for (const secret of [key, row.key_hash, row.key_sealed]) expect(audit).not.toContain(secret);
  });

  it('follows the subscription’s period for a SUBSCRIPTION policy, and needs one', async () => {
    const over = { durationKind: 'SUBSCRIPTION' as const, durationDays: null, planId: lw.planId };
    const { license } = await issued(over, true);
    const sub = await db()
      .selectFrom('subscriptions')
      .select('current_period_end')
      .where('id', '=', lw.adaSubscriptionId)
      .executeTakeFirstOrThrow();
    expect(license.expiresAt).toBe(sub.current_period_end);
    expect(license.subscriptionId).toBe(lw.adaSubscriptionId);
    const policy = await admin().licensePolicies.create(fixedPolicy(lw.productId, over));
    const none = await expectDomainError(
      () => admin().licenses.issue({ customerId: lw.ada, policyId: policy.id, name: 'x' }),
      'INVALID_INPUT',
    );
    expect(none.message).toContain('follows a subscription');
    const others = await expectDomainError(
      () =>
        admin().licenses.issue({
          customerId: lw.ada,
          policyId: policy.id,
          subscriptionId: lw.graceSubscriptionId,
          name: 'x',
        }),
      'NOT_FOUND',
    );
    expect(others.message).toContain('Subscription was not found for this customer');
  });

  it('refuses an archived policy, another tenant’s customer, and a viewer', async () => {
    const policy = await admin().licensePolicies.create(fixedPolicy(lw.productId));
    await expectDomainError(
      () => admin().licenses.issue({ customerId: lw.bCustomerId, policyId: policy.id, name: 'x' }),
      'NOT_FOUND',
    );
    await expectDomainError(
      () => lw.world.as('viewerA').licenses.issue({ customerId: lw.ada, policyId: policy.id, name: 'x' }),
      'FORBIDDEN',
    );
    await admin().licensePolicies.archive({ id: policy.id, expectedVersion: 1 });
    const archived = await expectDomainError(
      () => admin().licenses.issue({ customerId: lw.ada, policyId: policy.id, name: 'x' }),
      'INVALID_STATE',
    );
    expect(archived.message).toContain('archived');
  });
});

describe('a license’s life', () => {
  it('suspends with a reason, reinstates, renews from the later of now and expiry, and revokes for good', async () => {
    const { license } = await issued();
    const suspended = await admin().licenses.suspend({
      id: license.id,
      expectedVersion: 1,
      reason: 'Unpaid',
    });
    expect(suspended).toMatchObject({ status: 'SUSPENDED', suspendedReason: 'Unpaid', version: 2 });
    await expectDomainError(
      () => admin().licenses.suspend({ id: license.id, expectedVersion: 2, reason: 'Again' }),
      'INVALID_STATE',
    );
    await expectDomainError(
      () => admin().licenses.reinstate({ id: license.id, expectedVersion: 1 }),
      'CONFLICT',
    );
    const back = await admin().licenses.reinstate({ id: license.id, expectedVersion: 2 });
    expect(back).toMatchObject({ status: 'ACTIVE', suspendedReason: null });
    lw.world.clock.advance(10 * DAY_MS);
    const early = await admin().licenses.renew({ id: license.id, expectedVersion: 3 });
    expect(early.expiresAt).toBe(license.issuedAt + 60 * DAY_MS);
    expect(early).toMatchObject({ renewedAt: now(), expiryRemindedDays: null });
    lw.world.clock.advance(90 * DAY_MS);
    const late = await admin().licenses.renew({ id: license.id, expectedVersion: 4 });
    expect(late.expiresAt).toBe(now() + 30 * DAY_MS);
    const revoked = await admin().licenses.revoke({ id: license.id, expectedVersion: 5, reason: 'Fraud' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAt: now() });
    const renew = await expectDomainError(
      () => admin().licenses.renew({ id: license.id, expectedVersion: 6 }),
      'INVALID_STATE',
    );
    expect(renew.message).toBe('A revoked license cannot be renewed');
    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', license.id)
      .orderBy('at')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'license.issued',
      'license.suspended',
      'license.reinstated',
      'license.renewed',
      'license.renewed',
      'license.revoked',
    ]);
  });

  it('renews a SUBSCRIPTION license to its subscription’s period end', async () => {
    const over = { durationKind: 'SUBSCRIPTION' as const, durationDays: null };
    const { license } = await issued(over, true);
    await db()
      .updateTable('subscriptions')
      .set({ current_period_end: (license.expiresAt ?? 0) + 31 * DAY_MS })
      .where('id', '=', lw.adaSubscriptionId)
      .execute();
    const renewed = await admin().licenses.renew({ id: license.id, expectedVersion: 1 });
    expect(renewed.expiresAt).toBe((license.expiresAt ?? 0) + 31 * DAY_MS);
  });

  it('transfers to another customer with its machines, seats and usage, dropping the old subscription', async () => {
    const over = { durationKind: 'SUBSCRIPTION' as const, durationDays: null };
    const { license } = await issued(over, true);
    const base = { tenant_id: lw.world.tenants.A.id, customer_id: lw.ada, license_id: license.id };
    await db()
      .insertInto('license_machines')
      .values({ ...base, id: 'lmc_TEST', fingerprint: 'fp-1', activated_via: 'api', activated_at: now() })
      .execute();
    await db()
      .insertInto('license_seats')
      .values({ ...base, id: 'lst_TEST', user_ref: 'u1', assigned_at: now() })
      .execute();
    await db()
      .insertInto('license_usage')
      .values({
        ...base,
        metric: 'course_hours',
        period: '2026-01',
        quantity: 3,
        alerted_percent: null,
        billed_quantity: 0,
        updated_at: now(),
      })
      .execute();
    const moved = await admin().licenses.transfer({
      id: license.id,
      expectedVersion: 1,
      customerId: lw.grace,
    });
    expect(moved).toMatchObject({ customerId: lw.grace, subscriptionId: null, version: 2 });
    for (const table of ['license_machines', 'license_seats', 'license_usage'] as const) {
      const rows = await db().selectFrom(table).select('customer_id').execute();
      expect(rows, table).toEqual([{ customer_id: lw.grace }]);
    }
    const relinked = await admin().licenses.transfer({
      id: license.id,
      expectedVersion: 2,
      customerId: lw.ada,
      subscriptionId: lw.adaSubscriptionId,
    });
    expect(relinked.subscriptionId).toBe(lw.adaSubscriptionId);
    await expectDomainError(
      () => admin().licenses.transfer({ id: license.id, expectedVersion: 3, customerId: lw.bCustomerId }),
      'NOT_FOUND',
    );
    const same = await expectDomainError(
      () => admin().licenses.transfer({ id: license.id, expectedVersion: 3, customerId: lw.ada }),
      'INVALID_INPUT',
    );
    expect(same.message).toContain('already belongs');
  });

  it('reveals the key to licensing.manage only, audited without the key', async () => {
    const { license, key } = await issued();
    expect(await admin().licenses.revealKey({ id: license.id })).toEqual({ key });
    await expectDomainError(() => lw.world.as('viewerA').licenses.revealKey({ id: license.id }), 'FORBIDDEN');
    await expectDomainError(() => lw.world.as('adminB').licenses.revealKey({ id: license.id }), 'NOT_FOUND');
    const reveal = await db()
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'license.key_revealed')
      .execute();
    expect(reveal).toHaveLength(1);
    expect(await auditText(lw.world)).not.toContain(key);
  });

  it('is out of another tenant’s reach for every action', async () => {
    const { license } = await issued();
    const b = lw.world.as('adminB');
    const v = { id: license.id, expectedVersion: 1 };
    await expectDomainError(() => b.licenses.suspend({ ...v, reason: 'x' }), 'NOT_FOUND');
    await expectDomainError(() => b.licenses.reinstate(v), 'NOT_FOUND');
    await expectDomainError(() => b.licenses.renew(v), 'NOT_FOUND');
    await expectDomainError(() => b.licenses.revoke(v), 'NOT_FOUND');
    await expectDomainError(() => b.licenses.transfer({ ...v, customerId: lw.bCustomerId }), 'NOT_FOUND');
    const row = await db().selectFrom('licenses').select(['version', 'status']).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 1, status: 'ACTIVE' });
  });
});
