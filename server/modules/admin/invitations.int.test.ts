import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS } from '../../../shared/admin/schema';
import { hashOpaqueToken } from '../../auth/tokens';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { insertMembership, loadPrincipal } from '../tenants';
import { auditEntries, callerAs, platformStaff } from '../../testing/platform-staff.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

// rowid: SQLite's implicit one, an explicit identity column on PostgreSQL (insertion order on both).
const storedRows = (): Promise<Record<string, unknown>[]> =>
  world.database.db
    .selectFrom('invitations')
    .selectAll()
    .orderBy(sql`rowid`)
    .execute();

describe('invitations', () => {
  it('returns the token once, keeps only its hash, and expires in seven days', async () => {
    const { invitation, token } = await world
      .as('adminA')
      .admin.invitations.create({ scope: 'tenant', email: ' Grace@Example.com ', role: 'billing' });
    expect(token).toMatch(/^tgi_[\w-]{43}$/);
    expect(invitation).toMatchObject({
      tenantId: world.tenants.A.id,
      email: 'grace@example.com',
      role: 'billing',
      expiresAt: START + INVITATION_TTL_MS,
      status: 'pending',
    });
    const [row] = await storedRows();
    expect(row?.token_hash).toBe(hashOpaqueToken(token));
    expect(JSON.stringify(await storedRows())).not.toContain(token);
    // Neither the listing nor the audit trail carries the token or its hash.
    const listed = await world.as('adminA').admin.invitations.list({ scope: 'tenant' });
    expect(listed).toEqual([invitation]);
    const audit = JSON.stringify(await auditEntries(world, 'invitation.created'));
    expect(audit).not.toContain(token);
    expect(audit).not.toContain(String(row?.token_hash));
  });

  it('inviting the same email again replaces the open invitation', async () => {
    const invitations = world.as('adminA').admin.invitations;
    const first = await invitations.create({ scope: 'tenant', email: 'grace@example.com', role: 'viewer' });
    const second = await invitations.create({ scope: 'tenant', email: 'grace@example.com', role: 'admin' });
    expect((await invitations.list({ scope: 'tenant' })).map((i) => i.id)).toEqual([second.invitation.id]);
    expect((await storedRows()).find((r) => r.id === first.invitation.id)?.revoked_at).toBe(START);
  });

  it('shows an invitation past its seven days as expired', async () => {
    await world
      .as('adminA')
      .admin.invitations.create({ scope: 'tenant', email: 'late@example.com', role: 'viewer' });
    world.clock.advance(INVITATION_TTL_MS + 1);
    const [listed] = await world.as('adminA').admin.invitations.list({ scope: 'tenant' });
    expect(listed?.status).toBe('expired');
  });

  it('revokes an open invitation once', async () => {
    const invitations = world.as('adminA').admin.invitations;
    const { invitation } = await invitations.create({
      scope: 'tenant',
      email: 'grace@example.com',
      role: 'viewer',
    });
    await invitations.revoke({ id: invitation.id });
    expect(await invitations.list({ scope: 'tenant' })).toEqual([]);
    await expectDomainError(() => invitations.revoke({ id: invitation.id }), 'INVALID_STATE');
    expect(await auditEntries(world, 'invitation.revoked')).toHaveLength(1);
  });

  it('refuses to invite someone who is already a member', async () => {
    const seen = await expectDomainError(
      () =>
        world
          .as('adminA')
          .admin.invitations.create({ scope: 'tenant', email: 'viewerA@test.example', role: 'admin' }),
      'CONFLICT',
    );
    expect(seen.data.fieldErrors).toEqual({ email: ['Already a member'] });
    expect(await storedRows()).toEqual([]);
  });

  it('refuses to invite into a suspended tenant', async () => {
    await world.as('owner').tenants.suspend({ id: world.tenants.A.id });
    await expectDomainError(
      () =>
        world
          .as('owner')
          .admin.invitations.create({ scope: 'tenant', email: 'g@example.com', role: 'viewer' }),
      'INVALID_STATE',
    );
    expect(await storedRows()).toEqual([]);
  });

  it('platform invitations: platform staff only, no role above their own, audited on the platform chain', async () => {
    await expectDomainError(
      () =>
        world
          .as('adminA')
          .admin.invitations.create({ scope: 'platform', email: 'g@example.com', role: 'analyst' }),
      'FORBIDDEN',
    );
    await expectDomainError(
      () => world.as('adminA').admin.invitations.list({ scope: 'platform' }),
      'FORBIDDEN',
    );
    const { caller } = await platformStaff(world, 'admin');
    await expectDomainError(
      () => caller.admin.invitations.create({ scope: 'platform', email: 'g@example.com', role: 'owner' }),
      'FORBIDDEN',
    );
    const { invitation } = await caller.admin.invitations.create({
      scope: 'platform',
      email: 'g@example.com',
      role: 'support',
    });
    expect(invitation.tenantId).toBeNull();
    expect((await auditEntries(world, 'invitation.created'))[0]?.tenant_id).toBeNull();
    // Tenant A's list does not show it, and A's admin cannot revoke it.
    expect(await world.as('adminA').admin.invitations.list({ scope: 'tenant' })).toEqual([]);
    await expectDomainError(
      () => world.as('adminA').admin.invitations.revoke({ id: invitation.id }),
      'NOT_FOUND',
    );
    await caller.admin.invitations.revoke({ id: invitation.id });
    expect((await auditEntries(world, 'invitation.revoked'))[0]?.tenant_id).toBeNull();
  });

  describe('into another tenant', () => {
    const invite = { scope: 'tenant', email: 'first.admin@example.com', role: 'admin' } as const;

    it('platform staff invite into a tenant they are not working in, audited in that tenant', async () => {
      const { invitation } = await world
        .as('owner')
        .admin.invitations.create({ ...invite, tenantId: world.tenants.B.id });
      expect(invitation.tenantId).toBe(world.tenants.B.id);
      const [entry] = await auditEntries(world, 'invitation.created');
      expect(entry?.tenant_id).toBe(world.tenants.B.id);
      const inB = await world.as('owner', world.tenants.B.id).admin.invitations.list({ scope: 'tenant' });
      expect(inB.map((i) => i.id)).toEqual([invitation.id]);
      expect(await world.as('owner').admin.invitations.list({ scope: 'tenant' })).toEqual([]);
    });

    it('a tenant admin naming a tenant they are not in finds no such tenant, and nothing is written', async () => {
      const seen = await expectDomainError(
        () => world.as('adminA').admin.invitations.create({ ...invite, tenantId: world.tenants.B.id }),
        'NOT_FOUND',
      );
      expect(seen.message).not.toContain(world.tenants.B.name);
      expect(await storedRows()).toEqual([]);
      expect(await auditEntries(world, 'invitation.created')).toEqual([]);
    });

    it('a member who may enter a tenant without managing it is refused there', async () => {
      // Admin of A, only a viewer in B.
      const user = world.principals.adminA;
      await insertMembership(world.database.db, {
        userId: user.userId,
        tenantId: world.tenants.B.id,
        role: 'viewer',
        now: world.clock.now(),
      });
      const caller = callerAs(world, await loadPrincipal(world.database.db, user.userId));
      await expectDomainError(
        () => caller.admin.invitations.create({ ...invite, tenantId: world.tenants.B.id }),
        'FORBIDDEN',
      );
      expect(await storedRows()).toEqual([]);
      // In A, which they manage, naming it explicitly works.
      const { invitation } = await caller.admin.invitations.create({
        ...invite,
        tenantId: world.tenants.A.id,
      });
      expect(invitation.tenantId).toBe(world.tenants.A.id);
    });

    it('an unknown tenant is not found, even for platform staff', async () => {
      await expectDomainError(
        () =>
          world
            .as('owner')
            .admin.invitations.create({ ...invite, tenantId: 'ten_01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
        'NOT_FOUND',
      );
      expect(await storedRows()).toEqual([]);
    });
  });
});
