import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { everyTableCount } from '../../testing/table-counts.test-kit';

/** Bad input to every administration procedure: refused with the field named, and nothing written anywhere. */

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(async () => {
  await world?.close();
});

type Caller = ReturnType<TestWorld['as']>;
const TEN_KB = 'x'.repeat(10_240);
const userB = () => world.principals.adminB.userId;

const CASES: [string, (c: Caller) => Promise<unknown>, string][] = [
  ['tenants.create: empty name', (c) => c.tenants.create({ name: ' ', slug: 'acme' }), 'name'],
  ['tenants.create: 10 kB name', (c) => c.tenants.create({ name: TEN_KB, slug: 'acme' }), 'name'],
  ['tenants.create: slug with spaces', (c) => c.tenants.create({ name: 'Acme', slug: 'Acme Books' }), 'slug'],
  [
    'tenants.create: slug ending in a hyphen',
    (c) => c.tenants.create({ name: 'Acme', slug: 'acme-' }),
    'slug',
  ],
  [
    'tenants.create: 41-character slug',
    (c) => c.tenants.create({ name: 'Acme', slug: 'a'.repeat(41) }),
    'slug',
  ],
  ['tenants.create: missing slug', (c) => c.tenants.create({ name: 'Acme' } as never), 'slug'],
  ['tenants.rename: not a tenant id', (c) => c.tenants.rename({ id: 'acme', name: 'Acme' }), 'id'],
  ['tenants.rename: empty name', (c) => c.tenants.rename({ id: world.tenants.B.id, name: '' }), 'name'],
  ['tenants.suspend: missing id', (c) => c.tenants.suspend({} as never), 'id'],
  ['tenants.reactivate: a user id', (c) => c.tenants.reactivate({ id: userB() }), 'id'],
  [
    'members.changeRole: a platform role',
    (c) => c.admin.members.changeRole({ userId: userB(), role: 'owner' as never }),
    'role',
  ],
  [
    'members.changeRole: not a user id',
    (c) => c.admin.members.changeRole({ userId: 'bob', role: 'viewer' }),
    'userId',
  ],
  ['members.remove: missing user', (c) => c.admin.members.remove({} as never), 'userId'],
  [
    'platformMembers.changeRole: a tenant role',
    (c) => c.admin.platformMembers.changeRole({ userId: userB(), role: 'viewer' as never }),
    'role',
  ],
  [
    'platformMembers.remove: numeric user',
    (c) => c.admin.platformMembers.remove({ userId: 7 as never }),
    'userId',
  ],
  [
    'invitations.create: not an email',
    (c) => c.admin.invitations.create({ scope: 'tenant', email: 'grace at example', role: 'viewer' }),
    'email',
  ],
  [
    'invitations.create: a platform role into a tenant',
    (c) => c.admin.invitations.create({ scope: 'tenant', email: 'g@example.com', role: 'owner' as never }),
    'role',
  ],
  [
    'invitations.create: unknown scope',
    (c) => c.admin.invitations.create({ scope: 'galaxy', email: 'g@example.com', role: 'viewer' } as never),
    'scope',
  ],
  ['invitations.list: missing scope', (c) => c.admin.invitations.list({} as never), 'scope'],
  ['invitations.revoke: not an invitation id', (c) => c.admin.invitations.revoke({ id: 'ivt_1' }), 'id'],
  ['apiKeys.create: empty name', (c) => c.admin.apiKeys.create({ name: '  ', role: 'viewer' }), 'name'],
  ['apiKeys.create: 10 kB name', (c) => c.admin.apiKeys.create({ name: TEN_KB, role: 'viewer' }), 'name'],
  [
    'apiKeys.create: unknown role',
    (c) => c.admin.apiKeys.create({ name: 'Site', role: 'root' as never }),
    'role',
  ],
  ['apiKeys.revoke: a tenant id', (c) => c.admin.apiKeys.revoke({ id: world.tenants.A.id }), 'id'],
];

const everyTable = () => everyTableCount(world.database.db);

describe('bad input to administration procedures', () => {
  for (const [label, call, field] of CASES) {
    it(`${label} → an error naming ${field}, nothing written`, async () => {
      const before = await everyTable();
      const seen = await clientError(() => call(world.as('owner', world.tenants.A.id)));
      expect(seen.data.domainCode, seen.message).toBe('INVALID_INPUT');
      expect(Object.keys(seen.data.fieldErrors ?? {}), seen.message).toContain(field);
      expect(await everyTable()).toEqual(before);
    });
  }
});
