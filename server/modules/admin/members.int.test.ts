import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { auditEntries, platformStaff } from '../../testing/platform-staff.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const userOf = (persona: 'adminA' | 'billingA' | 'viewerA' | 'adminB' | 'owner' | 'platformAnalyst') =>
  world.principals[persona].userId;

describe('members of a tenant', () => {
  it('lists the tenant’s members with role and last sign-in', async () => {
    const session = { user_id: userOf('billingA'), client: 'web:x', expires_at: 9000 };
    await world.database.db
      .insertInto('sessions')
      .values([
        {
          ...session,
          id: 'ses_1',
          family_id: 'f1',
          refresh_hash: 'h1',
          created_at: 1000,
          last_used_at: 1000,
        },
        {
          ...session,
          id: 'ses_2',
          family_id: 'f2',
          refresh_hash: 'h2',
          created_at: 2000,
          last_used_at: 2000,
        },
      ])
      .execute();
    const members = await world.as('adminA').admin.members.list();
    expect(members.map((m) => [m.name, m.role, m.lastSignInAt])).toEqual([
      ['adminA', 'admin', null],
      ['billingA', 'billing', 2000],
      ['viewerA', 'viewer', null],
    ]);
  });

  it('changes a member’s role, audited in the tenant', async () => {
    const changed = await world
      .as('adminA')
      .admin.members.changeRole({ userId: userOf('billingA'), role: 'admin' });
    expect(changed.role).toBe('admin');
    const [entry] = await auditEntries(world, 'membership.role_changed');
    expect(entry?.tenant_id).toBe(world.tenants.A.id);
    expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({
      role: 'billing',
      email: 'billingA@test.example',
    });
    expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({ role: 'admin' });
  });

  it('never leaves a tenant without an admin', async () => {
    const admin = world.as('adminA').admin.members;
    const seen = await expectDomainError(
      () => admin.changeRole({ userId: userOf('adminA'), role: 'viewer' }),
      'INVALID_STATE',
    );
    expect(seen.message).toBe('adminA is the last admin of this tenant; make someone else admin first');
    await expectDomainError(() => admin.remove({ userId: userOf('adminA') }), 'INVALID_STATE');
    // With a second admin, the first may step down.
    await admin.changeRole({ userId: userOf('viewerA'), role: 'admin' });
    await admin.changeRole({ userId: userOf('adminA'), role: 'viewer' });
    expect(await auditEntries(world, 'membership.role_changed')).toHaveLength(2);
  });

  it('removes a member, audited with the membership as it was', async () => {
    await world.as('adminA').admin.members.remove({ userId: userOf('viewerA') });
    expect((await world.as('adminA').admin.members.list()).map((m) => m.name)).toEqual([
      'adminA',
      'billingA',
    ]);
    const [entry] = await auditEntries(world, 'membership.removed');
    expect(entry).toMatchObject({ tenant_id: world.tenants.A.id, after: null });
  });

  it('another tenant’s member, or a platform member, is not found from inside A', async () => {
    const admin = world.as('adminA').admin.members;
    await expectDomainError(
      () => admin.changeRole({ userId: userOf('adminB'), role: 'viewer' }),
      'NOT_FOUND',
    );
    await expectDomainError(() => admin.remove({ userId: userOf('owner') }), 'NOT_FOUND');
  });

  it('billing and viewer members cannot manage members', async () => {
    await expectDomainError(() => world.as('billingA').admin.members.list(), 'FORBIDDEN');
    await expectDomainError(
      () => world.as('viewerA').admin.members.changeRole({ userId: userOf('viewerA'), role: 'admin' }),
      'FORBIDDEN',
    );
  });
});

describe('platform staff', () => {
  it('owners list and change them; tenant admins cannot reach them at all', async () => {
    const staff = await world.as('owner').admin.platformMembers.list();
    expect(staff.map((m) => [m.name, m.role])).toEqual([
      ['owner', 'owner'],
      ['platformAnalyst', 'analyst'],
      ['platformSupport', 'support'],
    ]);
    await world
      .as('owner')
      .admin.platformMembers.changeRole({ userId: userOf('platformAnalyst'), role: 'billing' });
    const [entry] = await auditEntries(world, 'membership.role_changed');
    expect(entry?.tenant_id).toBeNull();
    await expectDomainError(() => world.as('adminA').admin.platformMembers.list(), 'FORBIDDEN');
    await expectDomainError(
      () => world.as('adminA').admin.platformMembers.remove({ userId: userOf('platformAnalyst') }),
      'FORBIDDEN',
    );
  });

  it('a platform admin cannot grant owner, nor change or remove an owner', async () => {
    const { caller } = await platformStaff(world, 'admin');
    const staff = caller.admin.platformMembers;
    await expectDomainError(
      () => staff.changeRole({ userId: userOf('platformAnalyst'), role: 'owner' }),
      'FORBIDDEN',
    );
    await expectDomainError(
      () => staff.changeRole({ userId: userOf('owner'), role: 'analyst' }),
      'FORBIDDEN',
    );
    await expectDomainError(() => staff.remove({ userId: userOf('owner') }), 'FORBIDDEN');
    // Roles up to their own are theirs to give.
    expect((await staff.changeRole({ userId: userOf('platformAnalyst'), role: 'admin' })).role).toBe('admin');
    await staff.remove({ userId: userOf('platformAnalyst') });
  });

  it('never leaves the platform without an owner', async () => {
    await expectDomainError(
      () => world.as('owner').admin.platformMembers.changeRole({ userId: userOf('owner'), role: 'admin' }),
      'INVALID_STATE',
    );
    await expectDomainError(
      () => world.as('owner').admin.platformMembers.remove({ userId: userOf('owner') }),
      'INVALID_STATE',
    );
  });

  it('a tenant member is not platform staff', async () => {
    await expectDomainError(
      () => world.as('owner').admin.platformMembers.changeRole({ userId: userOf('adminA'), role: 'analyst' }),
      'NOT_FOUND',
    );
  });
});
