import { describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords';
import { ACCESS_TOKEN_TTL_S } from '../auth/tokens';
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
  tenantA,
  type SignedIn,
  useAuthServer,
} from './auth.test-kit';

/**
 * Signing in to the hosted server, its tokens and sessions, over real HTTP as a client
 * would: each refusal says clearly why. Throttling: sign-in-throttle.int.test.ts.
 */

useAuthServer();

describe('signing in', () => {
  it('returns tokens that open the signed-in user’s tenant', async () => {
    const session = await signIn('ada@a.test');
    expect(session.accessExpiresAt).toBe(START + ACCESS_TOKEN_TTL_S * 1000);
    expect((await listCustomers(session.accessToken)).data?.total).toBe(0);
    const me = await query<{ kind: string; tenantRoles: Record<string, string> }>('auth.me', undefined, {
      token: session.accessToken,
    });
    expect(me.data).toMatchObject({ kind: 'session', tenantRoles: { [tenantA.id]: 'admin' } });
    expect((await query<{ mode: string }>('backend.mode')).data).toEqual({ mode: 'hosted' });
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
