import { describe, expect, it } from 'vitest';
import { TENANT_GRANTS } from '../../shared/permissions';
import { createApiKey, settleKeyUseWrites } from '../auth';
import { KEY_CACHE_MS } from '../auth/api-key-cache';
import { hashOpaqueToken } from '../auth/tokens';
import { TEST_OWNER } from './hosted.test-kit';
import {
  PASSWORD,
  START,
  clock,
  hosted,
  listCustomers,
  mutate,
  query,
  refusal,
  signIn,
  suspended,
  tenantA,
  type SignedIn,
  useAuthServer,
} from './auth.test-kit';

/**
 * What a signed-in principal may reach on the hosted server: roles, suspended tenants,
 * API keys, and the account itself (password change, invitations).
 */

useAuthServer();

describe('permissions and suspended tenants', () => {
  it('refuses what the role does not allow', async () => {
    const viewer = await signIn('vic@a.test');
    expect((await listCustomers(viewer.accessToken)).data?.total).toBe(0);
    const create = await mutate(
      'customers.create',
      { name: 'X', email: 'x@example.com', country: 'US' },
      { token: viewer.accessToken },
    );
    expect(create.status).toBe(403);
    refusal(create, 'FORBIDDEN', 'Your role does not allow customers.write');
  });

  it('turns away a suspended tenant’s members and keys, but not platform staff', async () => {
    const member = await signIn('sam@sleepy.test');
    const { key } = await createApiKey(hosted.backend.database.db, {
      tenantId: suspended.id,
      name: 'Sleepy app',
      role: 'admin',
      scopes: TENANT_GRANTS.admin,
      createdBy: null,
      now: clock.now(),
    });
    for (const token of [member.accessToken, key]) {
      refusal(await listCustomers(token), 'FORBIDDEN', 'This workspace is suspended');
      refusal(
        await query('tenants.session', undefined, { token }),
        'FORBIDDEN',
        'This workspace is suspended',
      );
      refusal(
        await mutate('customers.create', { name: 'Y', email: 'y@example.com', country: 'US' }, { token }),
        'FORBIDDEN',
        'This workspace is suspended',
      );
    }
    expect(await hosted.backend.database.db.selectFrom('customers').selectAll().execute()).toEqual([]);
    const owner = await signIn(TEST_OWNER.email, TEST_OWNER.password);
    expect((await listCustomers(owner.accessToken, suspended.id)).data?.total).toBe(0);
  });
});

describe('API keys', () => {
  it('act in their tenant with their role and name, and are refused once revoked', async () => {
    const db = hosted.backend.database.db;
    const created = await createApiKey(db, {
      tenantId: tenantA.id,
      name: 'Reporting app',
      role: 'viewer',
      scopes: TENANT_GRANTS.viewer,
      createdBy: null,
      now: clock.now(),
    });
    expect(created.key).toMatch(/^tg_key_[\w-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    const stored = await db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(hashOpaqueToken(created.key));
    expect(JSON.stringify(stored)).not.toContain(created.key);

    expect((await listCustomers(created.key)).data?.total).toBe(0);
    const me = await query<{ kind: string; user: { name: string } }>('auth.me', undefined, {
      token: created.key,
    });
    expect(me.data).toMatchObject({ kind: 'apiKey', user: { name: 'Reporting app' } });
    refusal(
      await mutate(
        'customers.create',
        { name: 'Z', email: 'z@example.com', country: 'US' },
        { token: created.key },
      ),
      'FORBIDDEN',
      'Your role does not allow customers.write',
    );
    refusal(
      await mutate('auth.logout', undefined, { token: created.key }),
      'INVALID_STATE',
      /signed-in session/,
    );

    // last_used_at moves at most once a minute, written after the answer.
    const lastUsed = async () => {
      await settleKeyUseWrites(db);
      return (await db.selectFrom('api_keys').select('last_used_at').executeTakeFirstOrThrow()).last_used_at;
    };
    expect(await lastUsed()).toBe(START);
    clock.advance(30_000);
    await listCustomers(created.key);
    expect(await lastUsed()).toBe(START);
    clock.advance(31_000);
    await listCustomers(created.key);
    expect(await lastUsed()).toBe(START + 61_000);

    // Revoked behind this server's back (another instance did it): refused once the cached key expires.
    await db.updateTable('api_keys').set({ revoked_at: clock.now() }).execute();
    clock.advance(KEY_CACHE_MS);
    refusal(await listCustomers(created.key), 'UNAUTHENTICATED', 'This API key was revoked');
    refusal(await listCustomers('tg_key_unknown'), 'UNAUTHENTICATED', 'The API key is not valid');
  });
});

describe('API key scopes over HTTP', () => {
  it('a key with only customers.read lists customers but cannot create one, and its use is recorded with its address', async () => {
    const db = hosted.backend.database.db;
    const { key } = await createApiKey(db, {
      tenantId: tenantA.id,
      name: 'Catalog reader',
      role: 'billing',
      scopes: ['customers.read'],
      createdBy: null,
      now: clock.now(),
    });
    expect((await listCustomers(key)).status).toBe(200);
    const create = await mutate(
      'customers.create',
      { name: 'Q', email: 'q@example.com', country: 'US' },
      { token: key },
    );
    expect(create.status).toBe(403);
    refusal(create, 'FORBIDDEN', 'Your role does not allow customers.write');
    expect(await db.selectFrom('customers').selectAll().execute()).toEqual([]);

    await settleKeyUseWrites(db);
    const used = await db
      .selectFrom('api_keys')
      .select(['last_used_at', 'last_used_address'])
      .executeTakeFirstOrThrow();
    expect(used).toEqual({ last_used_at: START, last_used_address: '127.0.0.1' });
  });
});

describe('account', () => {
  it('changes the password after checking the current one, signing out other sessions', async () => {
    const here = await signIn('ada@a.test');
    const elsewhere = await signIn('ada@a.test');
    const wrong = await mutate(
      'auth.changePassword',
      { currentPassword: 'not it', newPassword: 'a brand new passphrase' },
      { token: here.accessToken },
    );
    refusal(wrong, 'INVALID_INPUT', 'The current password is wrong');
    expect(wrong.error?.data.fieldErrors).toEqual({ currentPassword: ['The current password is wrong'] });
    const weak = await mutate(
      'auth.changePassword',
      { currentPassword: PASSWORD, newPassword: 'short' },
      { token: here.accessToken },
    );
    expect(weak.error?.data.fieldErrors).toEqual({ newPassword: ['Use at least 12 characters'] });

    const changed = await mutate(
      'auth.changePassword',
      { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      { token: here.accessToken },
    );
    expect(changed.data).toEqual({ passwordChangedAt: START });
    expect((await listCustomers(here.accessToken)).data?.total).toBe(0);
    refusal(
      await listCustomers(elsewhere.accessToken),
      'UNAUTHENTICATED',
      'Your session has ended; sign in again',
    );
    refusal(
      await mutate('auth.login', { email: 'ada@a.test', password: PASSWORD }),
      'UNAUTHENTICATED',
      /wrong/,
    );
    expect((await signIn('ada@a.test', 'a brand new passphrase')).accessToken).toBeTruthy();
    const audit = await hosted.backend.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'user.password_changed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).not.toContain('scrypt');
  });

  it('accepts an invitation once: a new person joins the tenant and is signed in', async () => {
    const db = hosted.backend.database.db;
    const token = 'tgi_invitation-token-for-tests';
    await db
      .insertInto('invitations')
      .values({
        id: 'ivt_TEST',
        tenant_id: tenantA.id,
        email: 'new@a.test',
        role: 'billing',
        token_hash: hashOpaqueToken(token),
        created_by: null,
        created_at: clock.now(),
        expires_at: clock.now() + 86_400_000,
        accepted_at: null,
        revoked_at: null,
      })
      .execute();
    const weak = await mutate('auth.acceptInvitation', { token, name: 'Newt', password: 'newt' });
    expect(weak.error?.data.fieldErrors).toEqual({ password: ['Use at least 12 characters'] });

    const accepted = await mutate<SignedIn>('auth.acceptInvitation', {
      token,
      name: 'Newt',
      password: 'newt has a long passphrase',
    });
    expect(accepted.data?.user.email).toBe('new@a.test');
    const me = await query<{ tenantRoles: Record<string, string> }>('auth.me', undefined, {
      token: accepted.data?.accessToken,
    });
    expect(me.data?.tenantRoles).toEqual({ [tenantA.id]: 'billing' });
    refusal(
      await mutate('auth.acceptInvitation', { token, name: 'Newt', password: 'newt has a long passphrase' }),
      'INVALID_STATE',
      'This invitation was already accepted',
    );
    refusal(
      await mutate('auth.acceptInvitation', {
        token: 'tgi_nope',
        name: 'N',
        password: 'whatever it is here',
      }),
      'NOT_FOUND',
      'This invitation was not found',
    );
  });
});
