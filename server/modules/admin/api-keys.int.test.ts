import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERMISSIONS, TENANT_GRANTS } from '../../../shared/permissions';
import { verifyApiKey } from '../../auth/api-keys';
import { hashOpaqueToken } from '../../auth/tokens';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { auditEntries, callerAs } from '../../testing/platform-staff.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

// rowid: SQLite's implicit one, an explicit identity column on PostgreSQL (insertion order on both).
const storedKeys = (): Promise<Record<string, unknown>[]> =>
  world.database.db
    .selectFrom('api_keys')
    .selectAll()
    .orderBy(sql`rowid`)
    .execute();

describe('API keys', () => {
  it('returns the key once; stores its hash and prefix; lists without either secret', async () => {
    const { apiKey, key } = await world
      .as('adminA')
      .admin.apiKeys.create({ name: 'Course site', role: 'billing' });
    expect(key).toMatch(/^tg_key_[\w-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.stringMatching(/^apk_/) as unknown,
      name: 'Course site',
      role: 'billing',
      scopes: PERMISSIONS.filter((p) => TENANT_GRANTS.billing.includes(p)),
      prefix: key.slice(0, 12),
      createdBy: 'adminA',
      createdAt: START,
      lastUsedAt: null,
      lastUsedAddress: null,
      revokedAt: null,
    });
    const [row] = await storedKeys();
    expect(row).toMatchObject({ tenant_id: world.tenants.A.id, key_hash: hashOpaqueToken(key) });
    expect(JSON.stringify(await storedKeys())).not.toContain(key);
    const listed = await world.as('adminA').admin.apiKeys.list();
    expect(listed).toEqual([apiKey]);
    const audit = JSON.stringify(await auditEntries(world, 'api_key.created'));
    expect(audit).not.toContain(key);
    expect(audit).not.toContain(String(row?.key_hash));
  });

  it('the key made here acts in its tenant with its role, until its tenant is suspended or it is revoked', async () => {
    const { apiKey, key } = await world
      .as('adminA')
      .admin.apiKeys.create({ name: 'Course site', role: 'billing' });
    const asKey = callerAs(
      world,
      await verifyApiKey(world.database.db, key, world.clock.now()),
      'course-site',
    );
    expect((await asKey.tenants.session()).permissions).toContain('billing.write');
    await expectDomainError(() => asKey.admin.apiKeys.list(), 'FORBIDDEN');

    await world.as('owner').tenants.suspend({ id: world.tenants.A.id });
    const refused = await expectDomainError(() => asKey.tenants.session(), 'FORBIDDEN');
    expect(refused.message).toBe('This workspace is suspended');
    await world.as('owner').tenants.reactivate({ id: world.tenants.A.id });

    await world.as('adminA').admin.apiKeys.revoke({ id: apiKey.id });
    // At once, with no time passing: the revocation forgets the key this server had cached.
    await expect(verifyApiKey(world.database.db, key, world.clock.now())).rejects.toThrow(
      'This API key was revoked',
    );
  });

  it('two keys never share a prefix or a hash', async () => {
    const keys = world.as('adminA').admin.apiKeys;
    const a = await keys.create({ name: 'One', role: 'viewer' });
    const b = await keys.create({ name: 'Two', role: 'viewer' });
    expect(a.key).not.toBe(b.key);
    expect(a.apiKey.prefix).not.toBe(b.apiKey.prefix);
  });

  it('revokes a key once, audited, and keeps it in the list as revoked', async () => {
    const keys = world.as('adminA').admin.apiKeys;
    const { apiKey } = await keys.create({ name: 'Old', role: 'viewer' });
    world.clock.advance(60_000);
    const revoked = await keys.revoke({ id: apiKey.id });
    expect(revoked.revokedAt).toBe(START + 60_000);
    expect((await keys.list())[0]?.revokedAt).toBe(START + 60_000);
    await expectDomainError(() => keys.revoke({ id: apiKey.id }), 'INVALID_STATE');
    const [entry] = await auditEntries(world, 'api_key.revoked');
    expect(entry?.tenant_id).toBe(world.tenants.A.id);
  });

  it('another tenant’s key is not found; billing and viewer members cannot manage keys', async () => {
    const { apiKey } = await world.as('adminB').admin.apiKeys.create({ name: 'B key', role: 'admin' });
    await expectDomainError(() => world.as('adminA').admin.apiKeys.revoke({ id: apiKey.id }), 'NOT_FOUND');
    expect(await world.as('adminA').admin.apiKeys.list()).toEqual([]);
    await expectDomainError(
      () => world.as('billingA').admin.apiKeys.create({ name: 'x', role: 'viewer' }),
      'FORBIDDEN',
    );
    await expectDomainError(() => world.as('viewerA').admin.apiKeys.list(), 'FORBIDDEN');
    expect(await storedKeys()).toHaveLength(1);
  });

  it('makes no keys for a suspended tenant', async () => {
    await world.as('owner').tenants.suspend({ id: world.tenants.A.id });
    await expectDomainError(
      () => world.as('owner').admin.apiKeys.create({ name: 'Late', role: 'viewer' }),
      'INVALID_STATE',
    );
    expect(await storedKeys()).toEqual([]);
  });
});

describe('roles', () => {
  it('describes every role with its permissions, and what the caller may grant', async () => {
    const adminA = await world.as('adminA').admin.roles();
    expect(adminA.roles.map((r) => `${r.scope}:${r.role}`)).toEqual([
      'platform:owner',
      'platform:admin',
      'platform:billing',
      'platform:support',
      'platform:analyst',
      'tenant:admin',
      'tenant:billing',
      'tenant:viewer',
    ]);
    expect(adminA.roles.find((r) => r.role === 'viewer')?.permissions).not.toContain('customers.write');
    expect(adminA.grantable).toEqual({ tenant: ['admin', 'billing', 'viewer'], platform: [] });
    expect((await world.as('viewerA').admin.roles()).grantable).toEqual({ tenant: [], platform: [] });
    expect((await world.as('owner').admin.roles()).grantable.platform).toContain('owner');
  });
});
