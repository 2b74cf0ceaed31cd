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

describe('tenants, for platform staff', () => {
  it('lists every tenant with its status and member count', async () => {
    const tenants = await world.as('owner').tenants.list();
    expect(tenants.map((t) => [t.name, t.status, t.memberCount, t.apiKeyCount])).toEqual([
      ['Tenant A', 'active', 3, 0],
      ['Tenant B', 'active', 1, 0],
    ]);
  });

  it('creates a tenant, audited as the first entry of its own chain', async () => {
    const created = await world.as('owner').tenants.create({ name: ' Acme Books ', slug: 'acme-books' });
    expect(created).toMatchObject({ name: 'Acme Books', slug: 'acme-books', status: 'active' });
    const [entry] = await auditEntries(world, 'tenant.created');
    expect(entry).toMatchObject({
      tenant_id: created.id,
      entity_id: created.id,
      actor_name: 'owner',
      before: null,
    });
    const chain = await world.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('tenant_id', '=', created.id)
      .execute();
    expect(chain).toEqual([{ seq: 1 }]);
  });

  it('shows the creation in the new tenant’s audit log, to staff who switch to it', async () => {
    const created = await world.as('owner').tenants.create({ name: 'Acme Books', slug: 'acme-books' });
    const log = await world.as('owner', created.id).audit.list({ limit: 50 });
    expect(log.items.map((e) => [e.action, e.entityId, e.actorName])).toEqual([
      ['tenant.created', created.id, 'owner'],
    ]);
    // The session there lists it among the tenants staff can switch to.
    const session = await world.as('owner', created.id).tenants.session();
    expect(session.tenant.id).toBe(created.id);
    expect(session.tenants.map((t) => t.name)).toContain('Acme Books');
    // Staff may invite into it; a tenant admin manages only their own tenant.
    expect(session.manages).toContain(created.id);
    expect((await world.as('adminA').tenants.session()).manages).toEqual([world.tenants.A.id]);
    expect((await world.as('viewerA').tenants.session()).manages).toEqual([]);
  });

  it('refuses a slug another tenant holds, naming the field, and writes nothing', async () => {
    const seen = await expectDomainError(
      () => world.as('owner').tenants.create({ name: 'Copy', slug: 'tenant-b' }),
      'CONFLICT',
    );
    expect(seen.data.fieldErrors).toEqual({ slug: ['Another tenant already uses this slug'] });
    expect(await auditEntries(world, 'tenant.created')).toEqual([]);
  });

  it('renames, suspends and reactivates, each audited with before and after', async () => {
    const owner = world.as('owner').tenants;
    const id = world.tenants.B.id;
    await owner.rename({ id, name: 'Tenant Bee' });
    const suspended = await owner.suspend({ id });
    expect(suspended).toMatchObject({ name: 'Tenant Bee', status: 'suspended' });
    await expectDomainError(() => owner.suspend({ id }), 'INVALID_STATE');
    expect((await owner.reactivate({ id })).status).toBe('active');
    await expectDomainError(() => owner.reactivate({ id }), 'INVALID_STATE');

    const [suspension] = await auditEntries(world, 'tenant.suspended');
    expect(suspension?.tenant_id).toBe(id);
    expect(JSON.parse(suspension?.before ?? '{}')).toMatchObject({ status: 'active' });
    expect(JSON.parse(suspension?.after ?? '{}')).toMatchObject({ status: 'suspended' });
    expect(await auditEntries(world, 'tenant.renamed')).toHaveLength(1);
    expect(await auditEntries(world, 'tenant.reactivated')).toHaveLength(1);
  });

  it('a suspended tenant’s member is refused until it is reactivated; platform staff still enter', async () => {
    const owner = world.as('owner').tenants;
    await owner.suspend({ id: world.tenants.B.id });
    const seen = await expectDomainError(() => world.as('adminB').admin.members.list(), 'FORBIDDEN');
    expect(seen.message).toBe('This workspace is suspended');
    expect(await world.as('owner', world.tenants.B.id).admin.members.list()).toHaveLength(1);
    await owner.reactivate({ id: world.tenants.B.id });
    expect(await world.as('adminB').admin.members.list()).toHaveLength(1);
  });

  it('an unknown tenant id is not found', async () => {
    await expectDomainError(
      () => world.as('owner').tenants.suspend({ id: 'ten_01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
      'NOT_FOUND',
    );
  });

  it('is closed to tenant admins and to platform roles without tenants.manage', async () => {
    for (const persona of ['adminA', 'platformAnalyst', 'platformSupport'] as const) {
      await expectDomainError(() => world.as(persona).tenants.list(), 'FORBIDDEN');
      await expectDomainError(
        () => world.as(persona).tenants.suspend({ id: world.tenants.A.id }),
        'FORBIDDEN',
      );
    }
    const { caller } = await platformStaff(world, 'admin');
    expect(await caller.tenants.list()).toHaveLength(2);
  });
});
