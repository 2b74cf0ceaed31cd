import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PERMISSIONS,
  TENANT_GRANTS,
  TENANT_ROLES,
  type Permission,
  type TenantRole,
} from '../../shared/permissions';
import { settleKeyUseWrites } from '../auth/api-key-cache';
import { createApiKey, verifyApiKey } from '../auth/api-keys';
import { callerAs } from '../testing/platform-staff.test-kit';
import { expectDomainError } from '../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { ATTEMPTS, type Fixture } from './isolation-attempts.test-kit';
import { seedTenantB, snapshotTables } from './isolation-fixture.test-kit';
import { listProcedures } from './procedures';

/**
 * API key scopes, proven per procedure: a key of tenant A whose role holds the procedure's
 * permission, scoped to everything of that role except it, is refused — for the scope, not
 * the role — and writes nothing. Refusals change nothing, so one world serves the whole walk.
 */

let world: TestWorld;
let fixture: Fixture;

beforeAll(async () => {
  world = await createTestWorld();
  fixture = await seedTenantB(world);
});
afterAll(async () => {
  await settleKeyUseWrites(world.database.db);
  await world.close();
});

/** The role that holds `permission`, or admin when no tenant role does (a key never can then). */
const roleHolding = (permission: Permission): TenantRole =>
  TENANT_ROLES.find((role) => TENANT_GRANTS[role].includes(permission)) ?? 'admin';

async function keyWithout(permission: Permission) {
  const role = roleHolding(permission);
  const scopes = TENANT_GRANTS[role].filter((p) => p !== permission);
  const { key } = await createApiKey(world.database.db, {
    tenantId: world.tenants.A.id,
    name: `${role} key without ${permission}`,
    role,
    scopes,
    createdBy: null,
    now: world.clock.now(),
  });
  const principal = await verifyApiKey(world.database.db, key, world.clock.now());
  // Its first use is recorded now, before the snapshot, not during the attempt.
  await settleKeyUseWrites(world.database.db);
  return callerAs(world, principal, 'scoped-key');
}

describe('a key without the scope', () => {
  const scoped = listProcedures().filter(
    (p): p is typeof p & { permission: Permission } =>
      PERMISSIONS.includes(p.permission as Permission) && typeof ATTEMPTS[p.path] === 'function',
  );

  it('is tried against every procedure that needs a permission', () => {
    expect(scoped.length).toBeGreaterThan(50);
  });

  for (const { path, permission } of scoped) {
    it(`is refused ${path} (${permission})`, async () => {
      const attempt = ATTEMPTS[path];
      if (typeof attempt !== 'function') throw new Error(`${path} has no attempt`);
      const caller = await keyWithout(permission);
      const before = await snapshotTables(world);
      const seen = await expectDomainError(() => attempt(caller, fixture), 'FORBIDDEN');
      expect(seen.message).toBe(`Your role does not allow ${permission}`);
      expect(await snapshotTables(world)).toEqual(before);
    });
  }
});
