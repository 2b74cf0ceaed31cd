import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Permission, TenantRole } from '../../../shared/permissions';
import { LAST_USED_RESOLUTION_MS, settleKeyUseWrites } from '../../auth/api-key-cache';
import { verifyApiKey } from '../../auth/api-keys';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { callerAs } from '../../testing/platform-staff.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await settleKeyUseWrites(world.database.db);
  await world.close();
});

const NEW_CUSTOMER = { name: 'Kai', email: 'kai@example.com', country: 'NZ' };

async function keyWith(role: TenantRole, scopes?: Permission[]) {
  const made = await world.as('adminA').admin.apiKeys.create({ name: `${role} key`, role, scopes });
  const principal = await verifyApiKey(world.database.db, made.key, world.clock.now());
  return { ...made, principal, caller: callerAs(world, principal, 'scoped-app') };
}

const lastUse = () =>
  world.database.db.selectFrom('api_keys').select(['last_used_at', 'last_used_address']).executeTakeFirst();
const countOf = async (table: 'customers' | 'api_keys') =>
  (
    await world.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('API key scopes', () => {
  it('a key with only customers.read lists customers but cannot create one', async () => {
    const { apiKey, caller } = await keyWith('billing', ['customers.read']);
    expect(apiKey.scopes).toEqual(['customers.read']);
    expect((await world.as('adminA').admin.apiKeys.list())[0]?.scopes).toEqual(['customers.read']);

    expect((await caller.customers.list({ limit: 10 })).total).toBe(0);
    const refused = await expectDomainError(() => caller.customers.create(NEW_CUSTOMER), 'FORBIDDEN');
    expect(refused.message).toBe('Your role does not allow customers.write');
    // Its role alone would allow both: the scope is what refused it.
    await expectDomainError(() => caller.invoices.list({}), 'FORBIDDEN');
    expect(await countOf('customers')).toBe(0);
  });

  it('what the console shows a key as holding is its role narrowed to its scopes', async () => {
    const { caller } = await keyWith('admin', ['tenants.read', 'customers.read', 'users.manage']);
    expect((await caller.tenants.session()).permissions).toEqual([
      'tenants.read',
      'customers.read',
      'users.manage',
    ]);
  });

  it('left out, the scopes are all of the role’s permissions', async () => {
    const { apiKey, caller } = await keyWith('viewer');
    expect(apiKey.scopes).toEqual([
      'tenants.read',
      'customers.read',
      'billing.read',
      'licensing.read',
      'marketplace.read',
    ]);
    expect((await caller.tenants.session()).permissions).toEqual(apiKey.scopes);
  });

  it('refuses a scope beyond the key’s role, naming the field', async () => {
    const refused = await expectDomainError(
      () =>
        world.as('adminA').admin.apiKeys.create({
          name: 'Greedy',
          role: 'viewer',
          scopes: ['customers.read', 'customers.write'],
        }),
      'INVALID_INPUT',
    );
    expect(refused.message).toBe(
      'A key with the role Viewer cannot have customers.write: scopes narrow a role, never widen it',
    );
    expect(refused.data.fieldErrors?.scopes?.[0]).toContain('customers.write');
    expect(await countOf('api_keys')).toBe(0);
  });

  it('a key that may make keys cannot make one stronger than itself', async () => {
    const { caller } = await keyWith('admin', ['users.manage', 'customers.read']);
    const refused = await expectDomainError(
      () => caller.admin.apiKeys.create({ name: 'Escalate', role: 'billing', scopes: ['customers.write'] }),
      'FORBIDDEN',
    );
    expect(refused.message).toBe(
      'You cannot give a key customers.write: a key may hold only what you may grant',
    );
    const within = await caller.admin.apiKeys.create({ name: 'Reader', role: 'viewer' });
    expect(within.apiKey.scopes).toEqual(['customers.read']);
  });

  it('refuses scopes that are not permissions, repeated, or none', async () => {
    const keys = world.as('adminA').admin.apiKeys;
    for (const scopes of [['customers.peek'], ['customers.read', 'customers.read'], []]) {
      await expectDomainError(
        () => keys.create({ name: 'Odd', role: 'viewer', scopes: scopes as Permission[] }),
        'INVALID_INPUT',
      );
    }
  });
});

describe('API key last use', () => {
  it('is recorded after the answer, with the address, at most once a minute per key', async () => {
    const { key } = await world.as('adminA').admin.apiKeys.create({ name: 'Busy', role: 'viewer' });
    const verify = (address: string) => verifyApiKey(world.database.db, key, world.clock.now(), { address });

    await verify('203.0.113.7');
    // The answer is ready before anything is written: the write waits for the request's work to end.
    expect(await lastUse()).toEqual({ last_used_at: null, last_used_address: null });
    await settleKeyUseWrites(world.database.db);
    expect(await lastUse()).toEqual({ last_used_at: START, last_used_address: '203.0.113.7' });

    world.clock.advance(LAST_USED_RESOLUTION_MS - 1);
    for (let i = 0; i < 50; i++) await verify('198.51.100.1');
    await settleKeyUseWrites(world.database.db);
    expect(await lastUse()).toEqual({ last_used_at: START, last_used_address: '203.0.113.7' });

    world.clock.advance(1);
    await verify('198.51.100.1');
    await settleKeyUseWrites(world.database.db);
    expect(await lastUse()).toEqual({
      last_used_at: START + LAST_USED_RESOLUTION_MS,
      last_used_address: '198.51.100.1',
    });
    const [listed] = await world.as('adminA').admin.apiKeys.list();
    expect(listed).toMatchObject({
      lastUsedAt: START + LAST_USED_RESOLUTION_MS,
      lastUsedAddress: '198.51.100.1',
    });
  });
});
