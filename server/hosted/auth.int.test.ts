import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenantRole } from '../../shared/permissions';
import { createApiKey, setPassword } from '../auth';
import { hashPassword } from '../auth/passwords';
import { ACCESS_TOKEN_TTL_S, hashOpaqueToken } from '../auth/tokens';
import { ManualClock } from '../lib/clock';
import { insertMembership, insertTenant, insertUser, type Tenant } from '../modules/tenancy';
import {
  callHosted,
  startTestHostedServer,
  TEST_OWNER,
  TEST_SCRYPT,
  type CallOutcome,
  type TestHostedServer,
} from './testing';

/**
 * Signing in to the hosted server and being refused, over real HTTP as a client would:
 * each refusal says clearly why.
 */

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  user: { id: string; email: string };
}

const START = Date.UTC(2026, 5, 1, 8, 0);
const PASSWORD = 'a perfectly fine passphrase';

let dir: string;
let clock: ManualClock;
let hosted: TestHostedServer;
let tenantA: Tenant;
let suspended: Tenant;

async function person(email: string, tenant: Tenant, role: TenantRole) {
  const db = hosted.backend.database.db;
  const user = await insertUser(db, { email, name: email.split('@')[0] as string, now: clock.now() });
  await insertMembership(db, { userId: user.id, tenantId: tenant.id, role, now: clock.now() });
  await setPassword(db, { userId: user.id, password: PASSWORD, now: clock.now(), scrypt: TEST_SCRYPT });
  return user;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-auth-'));
  clock = new ManualClock(START);
  hosted = await startTestHostedServer({ dir, clock });
  const db = hosted.backend.database.db;
  tenantA = await insertTenant(db, { name: 'Tenant A', slug: 'tenant-a', now: clock.now() });
  suspended = await insertTenant(db, { name: 'Sleepy', slug: 'sleepy', now: clock.now() });
  await db.updateTable('tenants').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
  await person('ada@a.test', tenantA, 'admin');
  await person('vic@a.test', tenantA, 'viewer');
  await person('sam@sleepy.test', suspended, 'admin');
});
afterEach(async () => {
  await hosted.stop();
  rmSync(dir, { recursive: true, force: true });
});

const query = <T>(path: string, input?: unknown, auth?: { token?: string; tenantId?: string }) =>
  callHosted<T>(hosted.url, 'query', path, input, auth);
const mutate = <T>(path: string, input?: unknown, auth?: { token?: string; tenantId?: string }) =>
  callHosted<T>(hosted.url, 'mutation', path, input, auth);

async function signIn(email: string, password = PASSWORD): Promise<SignedIn> {
  const outcome = await mutate<SignedIn>('auth.login', { email, password });
  if (!outcome.data) throw new Error(`sign-in failed: ${outcome.error?.message}`);
  return outcome.data;
}

function refusal(outcome: CallOutcome, domainCode: string, message: string | RegExp) {
  expect(outcome.data).toBeUndefined();
  expect(outcome.error?.data.domainCode).toBe(domainCode);
  if (typeof message === 'string') expect(outcome.error?.message).toBe(message);
  else expect(outcome.error?.message).toMatch(message);
}

const listCustomers = (token?: string, tenantId?: string) =>
  query<{ total: number }>('customers.list', {}, { token, tenantId });

describe('signing in', () => {
  it('returns tokens that open the signed-in user’s tenant', async () => {
    const session = await signIn('ada@a.test');
    expect(session.accessExpiresAt).toBe(START + ACCESS_TOKEN_TTL_S * 1000);
    expect((await listCustomers(session.accessToken)).data?.total).toBe(0);
    const me = await query<{ kind: string; tenantRoles: Record<string, string> }>('auth.me', undefined, {
      token: session.accessToken,
    });
    expect(me.data).toMatchObject({ kind: 'session', tenantRoles: { [tenantA.id]: 'admin' } });
    expect((await query<{ mode: string }>('workspace.mode')).data).toEqual({ mode: 'hosted' });
  });

  it('says the same for a wrong password and an unknown email', async () => {
    const wrongPassword = await mutate('auth.login', { email: 'ada@a.test', password: 'not the password' });
    const unknown = await mutate('auth.login', { email: 'nobody@a.test', password: PASSWORD });
    for (const outcome of [wrongPassword, unknown]) {
      expect(outcome.status).toBe(401);
      refusal(outcome, 'UNAUTHENTICATED', 'Email or password is wrong');
    }
  });

  it('names the bad field of a malformed sign-in', async () => {
    const outcome = await mutate('auth.login', { email: 'not-an-email', password: '' });
    expect(outcome.error?.data.fieldErrors).toEqual({
      email: ['Enter an email address'],
      password: ['Enter your password'],
    });
  });

  it('lets nobody in without credentials, and explains odd ones', async () => {
    refusal(await listCustomers(), 'UNAUTHENTICATED', 'Sign in to continue');
    const basic = await fetch(`${hosted.url}/trpc/customers.list?input=%7B%7D`, {
      headers: { 'x-tollgate-client': 'web:t', authorization: 'Basic YWRhOnB3' },
    });
    expect(((await basic.json()) as { error: { message: string } }).error.message).toBe(
      'Send credentials as "Authorization: Bearer <token>"',
    );
  });

  it('bootstraps the platform owner, who reaches every tenant', async () => {
    const owner = await signIn(TEST_OWNER.email, TEST_OWNER.password);
    expect((await listCustomers(owner.accessToken, tenantA.id)).data?.total).toBe(0);
    const me = await query<{ platformRole: string }>('auth.me', undefined, { token: owner.accessToken });
    expect(me.data?.platformRole).toBe('owner');
  });

  it('upgrades a password hashed with weaker parameters at sign-in', async () => {
    const db = hosted.backend.database.db;
    const weak = await hashPassword(PASSWORD, { logN: 8, r: 8, p: 1 });
    await db.updateTable('user_credentials').set({ password_hash: weak }).execute();
    await signIn('vic@a.test');
    const { password_hash } = await db
      .selectFrom('user_credentials as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select('c.password_hash')
      .where('u.email', '=', 'vic@a.test')
      .executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^scrypt\$10\$8\$1\$/);
  });
});

describe('tokens and sessions', () => {
  it('refuses an expired access token, saying so, and refreshing revives the session', async () => {
    const session = await signIn('ada@a.test');
    clock.advance((ACCESS_TOKEN_TTL_S + 60) * 1000);
    const expired = await listCustomers(session.accessToken);
    expect(expired.status).toBe(401);
    refusal(expired, 'UNAUTHENTICATED', 'Your session has expired; sign in again');
    // Public procedures still answer with the stale header attached.
    const renewed = await mutate<SignedIn>(
      'auth.refresh',
      { refreshToken: session.refreshToken },
      { token: session.accessToken },
    );
    expect((await listCustomers(renewed.data?.accessToken)).data?.total).toBe(0);
  });

  it('refuses a forged or foreign token', async () => {
    const session = await signIn('ada@a.test');
    const [head, body] = session.accessToken.split('.');
    refusal(
      await listCustomers(`${head}.${body}.AAAA`),
      'UNAUTHENTICATED',
      'The access token is not valid; sign in again',
    );
  });

  it('ends the session at logout: its access and refresh tokens stop working', async () => {
    const session = await signIn('ada@a.test');
    const other = await signIn('ada@a.test');
    expect((await mutate('auth.logout', undefined, { token: session.accessToken })).data).toEqual({
      signedOut: true,
    });
    refusal(
      await listCustomers(session.accessToken),
      'UNAUTHENTICATED',
      'Your session has ended; sign in again',
    );
    refusal(
      await mutate('auth.refresh', { refreshToken: session.refreshToken }),
      'UNAUTHENTICATED',
      'Your session has ended; sign in again',
    );
    // Another sign-in of the same person is its own session.
    expect((await listCustomers(other.accessToken)).data?.total).toBe(0);
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const first = await signIn('ada@a.test');
    clock.advance(1000);
    const second = (await mutate<SignedIn>('auth.refresh', { refreshToken: first.refreshToken })).data;
    expect(second?.refreshToken).not.toBe(first.refreshToken);
    clock.advance(1000);
    const third = (await mutate<SignedIn>('auth.refresh', { refreshToken: second?.refreshToken })).data;
    expect((await listCustomers(third?.accessToken)).data?.total).toBe(0);

    // Someone replays the first (stolen) token: refused, and every token of the sign-in dies.
    refusal(
      await mutate('auth.refresh', { refreshToken: first.refreshToken }),
      'UNAUTHENTICATED',
      /already used, so the session was ended/,
    );
    refusal(
      await listCustomers(third?.accessToken),
      'UNAUTHENTICATED',
      'Your session has ended; sign in again',
    );
    refusal(
      await mutate('auth.refresh', { refreshToken: third?.refreshToken }),
      'UNAUTHENTICATED',
      'Your session has ended; sign in again',
    );
    refusal(
      await mutate('auth.refresh', { refreshToken: 'rt_made-up' }),
      'UNAUTHENTICATED',
      'The refresh token is not valid; sign in again',
    );
  });
});

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
      createdBy: null,
      now: clock.now(),
    });
    for (const token of [member.accessToken, key]) {
      refusal(await listCustomers(token), 'FORBIDDEN', 'This workspace is suspended');
      refusal(
        await query('workspace.session', undefined, { token }),
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

describe('lockout', () => {
  it('locks an account after five failures in a row, for fifteen minutes', async () => {
    const attempt = (password: string) => mutate('auth.login', { email: 'ada@a.test', password });
    for (let i = 0; i < 4; i++)
      refusal(await attempt('guess'), 'UNAUTHENTICATED', 'Email or password is wrong');
    const fifth = await attempt('guess');
    expect(fifth.status).toBe(429);
    refusal(fifth, 'RATE_LIMITED', 'Too many failed sign-ins; try again after 08:15 UTC');
    // Locked: even the right password is refused until the window ends.
    refusal(await attempt(PASSWORD), 'RATE_LIMITED', /try again after 08:15 UTC/);
    clock.advance(15 * 60_000);
    expect((await attempt(PASSWORD)).data).toBeDefined();
  });

  it('counts parallel guesses before checking them, so a burst cannot beat the limit', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => mutate('auth.login', { email: 'ada@a.test', password: 'guess' })),
    );
    const wrong = burst.filter((o) => o.error?.data.domainCode === 'UNAUTHENTICATED').length;
    expect(wrong).toBeLessThanOrEqual(4);
    refusal(
      await mutate('auth.login', { email: 'ada@a.test', password: PASSWORD }),
      'RATE_LIMITED',
      /try again/,
    );
  });

  it('starts counting again after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await mutate('auth.login', { email: 'ada@a.test', password: 'guess' });
    await signIn('ada@a.test');
    for (let i = 0; i < 4; i++) await mutate('auth.login', { email: 'ada@a.test', password: 'guess' });
    expect((await signIn('ada@a.test')).accessToken).toBeTruthy();
  });
});

describe('API keys', () => {
  it('act in their tenant with their role and name, and are refused once revoked', async () => {
    const db = hosted.backend.database.db;
    const created = await createApiKey(db, {
      tenantId: tenantA.id,
      name: 'Reporting app',
      role: 'viewer',
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

    // last_used_at moves at most once a minute.
    const lastUsed = async () =>
      (await db.selectFrom('api_keys').select('last_used_at').executeTakeFirstOrThrow()).last_used_at;
    expect(await lastUsed()).toBe(START);
    clock.advance(30_000);
    await listCustomers(created.key);
    expect(await lastUsed()).toBe(START);
    clock.advance(31_000);
    await listCustomers(created.key);
    expect(await lastUsed()).toBe(START + 61_000);

    await db.updateTable('api_keys').set({ revoked_at: clock.now() }).execute();
    refusal(await listCustomers(created.key), 'UNAUTHENTICATED', 'This API key was revoked');
    refusal(await listCustomers('tg_key_unknown'), 'UNAUTHENTICATED', 'The API key is not valid');
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
