import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TENANT_STATUS_CACHE_MS } from '../../trpc/tenant-status';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

describe('a tenant’s suspension', () => {
  it('turns its members away at once when suspended here, and lets them back at once when reactivated', async () => {
    const member = world.as('adminA');
    await member.tenants.session();
    await world.as('owner').tenants.suspend({ id: world.tenants.A.id });
    const refused = await expectDomainError(() => member.tenants.session(), 'FORBIDDEN');
    expect(refused.message).toBe('This workspace is suspended');
    await world.as('owner').tenants.reactivate({ id: world.tenants.A.id });
    expect((await member.tenants.session()).tenant.id).toBe(world.tenants.A.id);
  });

  it('made elsewhere (another server, a replica’s pull), is seen within the status cache’s time', async () => {
    const member = world.as('adminA');
    await member.tenants.session();
    await world.database.db
      .updateTable('tenants')
      .set({ status: 'suspended' })
      .where('id', '=', world.tenants.A.id)
      .execute();
    world.clock.advance(TENANT_STATUS_CACHE_MS);
    await expectDomainError(() => member.tenants.session(), 'FORBIDDEN');
  });
});
