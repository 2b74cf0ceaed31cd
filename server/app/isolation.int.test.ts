import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_PERMISSIONS, can, isAccountPermission, PERMISSIONS } from '../../shared/permissions';
import { expectDomainError, seenByClient } from '../testing/errors.test-kit';
import { createTestWorld, type Persona, type TestWorld } from '../testing/world.test-kit';
import { ACCOUNT_ATTEMPTS } from './isolation-accounts.test-kit';
import { ATTEMPTS, CREATES_INSIDE_A, PLATFORM_WIDE, type Fixture } from './isolation-attempts.test-kit';
import { rowsOfB, seedTenantB, snapshotTables } from './isolation-fixture.test-kit';
import { listProcedures } from './procedures';

/**
 * Tenant isolation, proven per procedure: a member of tenant A tries to reach tenant B's
 * data, both by naming B's ids from inside A and by asking to work inside B. Each try
 * must be refused or find nothing, and must write nothing anywhere.
 */

/**
 * One world, seeded once, for every attempt that must write nothing: each proves it wrote
 * nothing by its own before/after snapshot, so the next finds the world as the seed left it.
 * (A fresh database and seed per test cost about a second on PostgreSQL, ×240 tests.) An
 * attempt that rightly creates inside A gets a world of its own, so no later one sees its rows.
 */
let shared: TestWorld;
let sharedFixture: Fixture;
beforeAll(async () => {
  shared = await createTestWorld();
  sharedFixture = await seedTenantB(shared);
});
afterAll(async () => {
  await shared?.close();
});

let world: TestWorld;
let fixture: Fixture;

/** Runs `test` in the shared world, or in a fresh one of its own when it may write. */
async function inWorld(writes: boolean, test: () => Promise<void>): Promise<void> {
  if (!writes) {
    [world, fixture] = [shared, sharedFixture];
    return test();
  }
  world = await createTestWorld();
  try {
    fixture = await seedTenantB(world);
    await test();
  } finally {
    await world.close();
  }
}

const snapshot = () => snapshotTables(world);

/**
 * Someone working in A who holds the procedure's permission there, so each attempt is
 * refused for isolation, not for role. Refunds need a platform role: the owner, working in A.
 */
function memberOfA(path: string): Persona {
  const permission = listProcedures().find((p) => p.path === path)?.permission;
  const members: Persona[] = ['adminA', 'billingA', 'owner'];
  const grants = (persona: Persona) => world.principals[persona].grants;
  return (
    members.find(
      (m) =>
        permission === 'public' ||
        permission === 'signed-in' ||
        (permission && !isAccountPermission(permission) && can(grants(m), permission, world.tenants.A.id)),
    ) ?? 'adminA'
  );
}

describe('every procedure', () => {
  it('declares a known permission, and has an isolation attempt below', () => {
    for (const { path, permission } of listProcedures()) {
      expect(permission, `${path} declares no permission`).toBeDefined();
      expect(['public', 'signed-in', ...PERMISSIONS, ...ACCOUNT_PERMISSIONS], path).toContain(permission);
      // An account procedure's attacker is another customer's admin (isolation-accounts.int.test.ts).
      if (permission && isAccountPermission(permission)) {
        expect(ACCOUNT_ATTEMPTS, `${path} has no account-isolation attempt`).toHaveProperty([path]);
        continue;
      }
      expect(ATTEMPTS, `${path} has no tenant-isolation attempt`).toHaveProperty([path]);
      if (permission === 'public') expect(ATTEMPTS[path], `${path} is public`).toBe('no tenant data');
    }
  });
});

describe('a member of tenant A', () => {
  for (const [path, attempt] of Object.entries(ATTEMPTS)) {
    if (attempt === 'no tenant data') continue;

    it(`cannot reach tenant B through ${path} by naming B's ids`, () =>
      inWorld(CREATES_INSIDE_A.has(path), async () => {
        const before = await snapshot();
        const outcome = await attempt(
          world.as(PLATFORM_WIDE.has(path) ? 'adminA' : memberOfA(path)),
          fixture,
        ).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (outcome.ok) {
          // Succeeding is fine only when it neither showed nor touched B's data.
          expect(JSON.stringify(outcome.value)).not.toContain(fixture.bCustomerId);
          expect(JSON.stringify(outcome.value)).not.toContain('Bertha');
          expect(JSON.stringify(outcome.value)).not.toContain(world.tenants.B.id);
          if (CREATES_INSIDE_A.has(path)) {
            // Created inside A, as asked: B's rows are untouched.
            expect(rowsOfB(world, await snapshot())).toEqual(rowsOfB(world, before));
            return;
          }
        } else {
          const refusal = PLATFORM_WIDE.has(path) ? 'FORBIDDEN' : 'NOT_FOUND';
          expect(seenByClient(outcome.error).data.domainCode).toBe(refusal);
        }
        expect(await snapshot()).toEqual(before);
      }));

    it(`cannot enter tenant B through ${path}`, () =>
      inWorld(false, async () => {
        const before = await snapshot();
        // A tenant member is stopped at the tenant's door, before any role is even looked at.
        const seen = await expectDomainError(
          () => attempt(world.as('adminA', world.tenants.B.id), fixture),
          'FORBIDDEN',
        );
        expect(seen.message).toBe('You are not a member of that workspace');
        expect(seen.message).not.toContain(world.tenants.B.name);
        expect(await snapshot()).toEqual(before);
      }));
  }
});
