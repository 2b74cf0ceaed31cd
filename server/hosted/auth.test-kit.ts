import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { TenantRole } from '../../shared/permissions';
import { setPassword } from '../auth';
import { ManualClock } from '../lib/clock';
import { insertMembership, insertTenant, insertUser, type Tenant } from '../modules/tenants';
import {
  callHosted,
  startTestHostedServer,
  TEST_SCRYPT,
  type CallOutcome,
  type TestHostedServer,
} from './hosted.test-kit';

/**
 * A hosted server on real HTTP for the sign-in and access tests: tenant A (admin Ada,
 * viewer Vic) and a suspended tenant (admin Sam), all with PASSWORD, on a manual clock.
 * `useAuthServer()` starts a fresh one for each test of the calling file.
 */

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  user: { id: string; email: string };
}

export const START = Date.UTC(2026, 5, 1, 8, 0);
export const PASSWORD = 'a perfectly fine passphrase';

let dir: string;
// Live bindings: each test file's hooks replace them, and importers see the current ones.
export let clock: ManualClock;
export let hosted: TestHostedServer;
export let tenantA: Tenant;
export let suspended: Tenant;

export async function person(email: string, tenant: Tenant, role: TenantRole) {
  const db = hosted.backend.database.db;
  const user = await insertUser(db, { email, name: email.split('@')[0] as string, now: clock.now() });
  await insertMembership(db, { userId: user.id, tenantId: tenant.id, role, now: clock.now() });
  await setPassword(db, { userId: user.id, password: PASSWORD, now: clock.now(), scrypt: TEST_SCRYPT });
  return user;
}

export function useAuthServer(): void {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tollgate-auth-'));
    clock = new ManualClock(START);
    // As if behind a proxy at 127.0.0.1, so tests can act from several addresses.
    hosted = await startTestHostedServer({ dir, clock, trustedProxies: ['127.0.0.1'] });
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
}

type CallAuth = { token?: string; tenantId?: string; address?: string };

export const query = <T>(path: string, input?: unknown, auth?: CallAuth) =>
  callHosted<T>(hosted.url, 'query', path, input, auth);
export const mutate = <T>(path: string, input?: unknown, auth?: CallAuth) =>
  callHosted<T>(hosted.url, 'mutation', path, input, auth);

export async function signIn(email: string, password = PASSWORD, address?: string): Promise<SignedIn> {
  const outcome = await mutate<SignedIn>('auth.login', { email, password }, { address });
  if (!outcome.data) throw new Error(`sign-in failed: ${outcome.error?.message}`);
  return outcome.data;
}

export function refusal(outcome: CallOutcome, domainCode: string, message: string | RegExp) {
  expect(outcome.data).toBeUndefined();
  expect(outcome.error?.data.domainCode).toBe(domainCode);
  if (typeof message === 'string') expect(outcome.error?.message).toBe(message);
  else expect(outcome.error?.message).toMatch(message);
}

export const listCustomers = (token?: string, tenantId?: string) =>
  query<{ total: number }>('customers.list', {}, { token, tenantId });
