import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { createLicensingWorld, fixedPolicy, type LicensingWorld } from '../licensing-world.test-kit';

let lw: LicensingWorld;
beforeEach(async () => {
  lw = await createLicensingWorld();
});
afterEach(() => lw.world.close());

const admin = () => lw.world.as('adminA');

describe('license policies', () => {
  it('are created with every field, listed, read and edited with their version', async () => {
    const created = await admin().licensePolicies.create(fixedPolicy(lw.productId, { planId: lw.planId }));
    expect(created).toMatchObject({
      name: 'Enterprise 30 days',
      productId: lw.productId,
      planId: lw.planId,
      durationKind: 'FIXED',
      durationDays: 30,
      machineMode: 'FLOATING',
      maxMachines: 3,
      maxUsers: 10,
      expirationStrategy: 'RESTRICT',
      checkInIntervalSeconds: 86_400,
      heartbeatTtlSeconds: null,
      overageStrategy: 'X1_5',
      pastDueAction: 'OVERDUE',
      entitlements: ['courses', 'reports'],
      archivedAt: null,
      version: 1,
    });
    expect(created.usageLimits[1]).toEqual({
      metric: 'api.calls',
      limit: 1000,
      rule: { kind: 'BILL', unitPrice: 2, currency: 'EUR' },
    });
    expect(await lw.world.as('viewerA').licensePolicies.get({ id: created.id })).toEqual(created);
    const edited = await admin().licensePolicies.update({
      id: created.id,
      expectedVersion: 1,
      patch: { durationKind: 'SUBSCRIPTION', durationDays: null, maxUsers: null },
    });
    expect(edited).toMatchObject({
      durationKind: 'SUBSCRIPTION',
      durationDays: null,
      maxUsers: null,
      version: 2,
    });
    const stale = await expectDomainError(
      () => admin().licensePolicies.update({ id: created.id, expectedVersion: 1, patch: { name: 'Late' } }),
      'CONFLICT',
    );
    expect(stale.message).toContain('Reload');
    const archived = await admin().licensePolicies.archive({ id: created.id, expectedVersion: 2 });
    expect(archived.archivedAt).toBe(lw.world.clock.now());
    expect(await admin().licensePolicies.list()).toEqual([]);
    expect(await admin().licensePolicies.list({ includeArchived: true })).toEqual([archived]);
    await expectDomainError(
      () => admin().licensePolicies.update({ id: created.id, expectedVersion: 3, patch: { name: 'x' } }),
      'INVALID_STATE',
    );
    const audit = await lw.world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', created.id)
      .orderBy('at')
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'license_policy.created',
      'license_policy.updated',
      'license_policy.archived',
    ]);
  });

  it('refuses rules between fields, naming the field, on create and after an edit merges', async () => {
    const refusal = async (over: Parameters<typeof fixedPolicy>[1], words: string) => {
      const seen = await expectDomainError(
        () => admin().licensePolicies.create(fixedPolicy(lw.productId, over)),
        'INVALID_INPUT',
      );
      expect(seen.message).toContain(words);
    };
    await refusal({ durationDays: null }, 'FIXED duration needs its days');
    await refusal({ durationKind: 'SUBSCRIPTION' }, 'leave duration days empty');
    await refusal({ machineMode: 'NODE_LOCKED', maxMachines: 2 }, 'exactly 1 machine');
    await refusal({ machineMode: 'NONE' }, 'leave max machines empty');
    await refusal({ maxUsers: -1 }, 'Max users cannot be negative');
    await refusal({ checkInIntervalSeconds: 0 }, 'Check-in interval must be at least 1 second');
    await refusal(
      { usageLimits: [{ metric: 'Course Hours', limit: 1, rule: { kind: 'BLOCK' } }] },
      'Metric must be',
    );
    await refusal(
      {
        usageLimits: [
          { metric: 'a', limit: 1, rule: { kind: 'BLOCK' } },
          { metric: 'a', limit: 2, rule: { kind: 'BLOCK' } },
        ],
      },
      'Metric a is listed twice',
    );
    await refusal(
      { usageLimits: [{ metric: 'a', limit: 1, rule: { kind: 'BILL', unitPrice: 0, currency: 'EUR' } }] },
      'Unit price must be more than 0',
    );
    await refusal(
      { usageLimits: [{ metric: 'a', limit: 1, rule: { kind: 'BILL', unitPrice: 5, currency: 'eur' } }] },
      'upper-case',
    );
    await refusal(
      { usageLimits: [{ metric: 'a', limit: 1, rule: { kind: 'ALLOW_MULTIPLE', percent: 100 } }] },
      'over 100',
    );
    const policy = await admin().licensePolicies.create(fixedPolicy(lw.productId));
    const merged = await expectDomainError(
      () =>
        admin().licensePolicies.update({
          id: policy.id,
          expectedVersion: 1,
          patch: { machineMode: 'NODE_LOCKED' },
        }),
      'INVALID_INPUT',
    );
    expect(merged.message).toContain('exactly 1 machine');
  });

  it('takes a product of the tenant and a plan of that product only', async () => {
    await expectDomainError(() => admin().licensePolicies.create(fixedPolicy(lw.bProductId)), 'NOT_FOUND');
    const wrongPlan = await expectDomainError(
      () => admin().licensePolicies.create(fixedPolicy(lw.productId, { planId: lw.otherPlanId })),
      'INVALID_INPUT',
    );
    expect(wrongPlan.message).toContain('plan of the policy’s product');
  });

  it('is refused to a viewer and invisible to another tenant', async () => {
    await expectDomainError(
      () => lw.world.as('viewerA').licensePolicies.create(fixedPolicy(lw.productId)),
      'FORBIDDEN',
    );
    const policy = await admin().licensePolicies.create(fixedPolicy(lw.productId));
    await expectDomainError(() => lw.world.as('adminB').licensePolicies.get({ id: policy.id }), 'NOT_FOUND');
    await expectDomainError(
      () => lw.world.as('adminB').licensePolicies.archive({ id: policy.id, expectedVersion: 1 }),
      'NOT_FOUND',
    );
    expect(await lw.world.as('adminB').licensePolicies.list({ includeArchived: true })).toEqual([]);
  });
});
