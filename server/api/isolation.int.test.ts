import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../shared/permissions';
import { expectDomainError, seenByClient } from '../testing/errors';
import { createTestWorld, type TestWorld } from '../testing/world';
import { listProcedures } from './procedures';

/**
 * Tenant isolation, proven per procedure: a member of tenant A tries to reach tenant B's
 * data, both by naming B's ids from inside A and by asking to work inside B. Each try
 * must be refused or find nothing, and must write nothing anywhere.
 */

type Caller = ReturnType<TestWorld['as']>;
interface Fixture {
  bCustomerId: string;
  bCustomerVersion: number;
}

/** One attempt per procedure, using tenant B's data. A new procedure without one fails the walk below. */
const ATTEMPTS: Record<string, ((a: Caller, f: Fixture) => Promise<unknown>) | 'no tenant data'> = {
  'workspace.mode': 'no tenant data',
  'workspace.session': (a) => a.workspace.session(),
  'customers.list': (a) => a.customers.list({ status: 'all', search: 'Bertha' }),
  'customers.get': (a, f) => a.customers.get({ id: f.bCustomerId }),
  'customers.timeline': (a, f) => a.customers.timeline({ id: f.bCustomerId }),
  'customers.create': (a) =>
    a.customers.create({ name: 'Intruder', email: 'intruder@example.com', country: 'US' }),
  'customers.update': (a, f) =>
    a.customers.update({
      id: f.bCustomerId,
      expectedVersion: f.bCustomerVersion,
      patch: { name: 'Hijacked' },
    }),
  'customers.archive': (a, f) => a.customers.archive({ id: f.bCustomerId }),
  'customers.unarchive': (a, f) => a.customers.unarchive({ id: f.bCustomerId }),
};

let world: TestWorld;
let fixture: Fixture;

beforeEach(async () => {
  world = await createTestWorld();
  const bertha = await world
    .as('adminB')
    .customers.create({ name: 'Bertha Benz', email: 'bertha@b.example', country: 'DE' });
  await world.as('adminA').customers.create({ name: 'Alan Turing', email: 'alan@a.example', country: 'GB' });
  fixture = { bCustomerId: bertha.id, bCustomerVersion: bertha.version };
});
afterEach(async () => {
  await world.close();
});

function snapshot() {
  const tables = ['tenants', 'users', 'memberships', 'customers', 'audit_log', 'change_log', 'settings'];
  return Object.fromEntries(
    tables.map((t) => [t, world.database.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]),
  );
}

describe('every procedure', () => {
  it('declares a known permission, and has an isolation attempt below', () => {
    for (const { path, permission } of listProcedures()) {
      expect(permission, `${path} declares no permission`).toBeDefined();
      expect(['public', ...PERMISSIONS], path).toContain(permission);
      expect(ATTEMPTS, `${path} has no tenant-isolation attempt`).toHaveProperty([path]);
      if (permission === 'public') expect(ATTEMPTS[path], `${path} is public`).toBe('no tenant data');
    }
  });
});

describe('a member of tenant A', () => {
  for (const [path, attempt] of Object.entries(ATTEMPTS)) {
    if (attempt === 'no tenant data') continue;

    it(`cannot reach tenant B through ${path} by naming B's ids`, async () => {
      const before = snapshot();
      const outcome = await attempt(world.as('adminA'), fixture).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (outcome.ok) {
        // Succeeding is fine only when it neither showed nor touched B's data.
        expect(JSON.stringify(outcome.value)).not.toContain(fixture.bCustomerId);
        expect(JSON.stringify(outcome.value)).not.toContain('Bertha');
        expect(JSON.stringify(outcome.value)).not.toContain(world.tenants.B.id);
        if (path === 'customers.create') {
          // Created inside A, as asked: B's rows are untouched.
          const inB = world.database.sqlite
            .prepare('SELECT id FROM customers WHERE tenant_id = ?')
            .all(world.tenants.B.id);
          expect(inB).toEqual([{ id: fixture.bCustomerId }]);
          return;
        }
      } else {
        expect(seenByClient(outcome.error).data.domainCode).toBe('NOT_FOUND');
      }
      expect(snapshot()).toEqual(before);
    });

    it(`cannot enter tenant B through ${path}`, async () => {
      const before = snapshot();
      const seen = await expectDomainError(
        () => attempt(world.as('adminA', world.tenants.B.id), fixture),
        'FORBIDDEN',
      );
      expect(seen.message).not.toContain(world.tenants.B.name);
      expect(snapshot()).toEqual(before);
    });
  }
});
