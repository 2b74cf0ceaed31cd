import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddedBackend } from '../../embedded/backend';
import { ManualClock } from '../../lib/clock';
import { readSetting } from '../../modules/tenants';
import { expectDomainError } from '../../testing/errors.test-kit';
import type { SecretStore } from './secret-store';
import { REFRESH_TOKEN_SECRET } from './server-link';
import {
  desktopCaller,
  seedTenant,
  startDesktop,
  startServer,
  type RestartableServer,
} from './desktop.test-kit';

/**
 * An invited person accepts from the desktop: the hosted server runs in this process over
 * real HTTP on 127.0.0.1, the desktop is a whole embedded backend with its own data dir.
 */

const PASSWORD = 'correct horse battery staple';
const INVITEE = { email: 'ivy@acme.test', name: 'Ivy Invitee', password: 'quiet meadow copper kettle' };

let dir: string;
let server: RestartableServer;
let tenantA: Awaited<ReturnType<typeof seedTenant>>;
let desktops: EmbeddedBackend[];

/** Secrets kept in memory, so a test can see exactly what the desktop stored. */
class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  read(name: string) {
    return Promise.resolve(this.values.get(name) ?? null);
  }
  write(name: string, value: string) {
    this.values.set(name, value);
    return Promise.resolve();
  }
  remove(name: string) {
    this.values.delete(name);
    return Promise.resolve();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-invite-'));
  const clock = new ManualClock(Date.now());
  server = await startServer(dir, clock);
  tenantA = await seedTenant(server, {
    name: 'Acme',
    slug: 'acme',
    adminEmail: 'ada@acme.test',
    password: PASSWORD,
  });
  const tenantB = await seedTenant(server, {
    name: 'Bertha Ltd',
    slug: 'bertha',
    adminEmail: 'bea@bertha.test',
    password: PASSWORD,
  });
  await (
    await tenantA.caller()
  ).customers.create({ name: 'Alan Turing', email: 'alan@acme.test', country: 'GB' });
  await (
    await tenantB.caller()
  ).customers.create({ name: 'Bertha Benz', email: 'bertha@bertha.test', country: 'DE' });
  desktops = [];
});

afterEach(async () => {
  for (const desktop of desktops) await desktop.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function openDesktop(name: string) {
  const secrets = new MemorySecrets();
  const desktop = await startDesktop(join(dir, name), new ManualClock(Date.now()), { secrets });
  desktops.push(desktop);
  return { desktop, secrets, dataDir: join(dir, name) };
}

async function invite(email = INVITEE.email) {
  return (await tenantA.caller()).admin.invitations.create({ scope: 'tenant', email, role: 'viewer' });
}

function accept(desktop: EmbeddedBackend, code: string, password = INVITEE.password) {
  return desktopCaller(desktop).connection.acceptInvitation({
    serverUrl: server.url,
    code,
    name: INVITEE.name,
    password,
  });
}

/** The desktop kept nothing of a refused attempt: no token, no saved connection, no replica. */
async function expectNothingStored(opened: Awaited<ReturnType<typeof openDesktop>>) {
  const { desktop, secrets, dataDir } = opened;
  expect(secrets.values.size).toBe(0);
  expect(await readSetting(desktop.services.db, 'sync.connection')).toBeFalsy();
  const replicas = join(dataDir, 'replicas');
  expect(existsSync(replicas) ? readdirSync(replicas) : []).toEqual([]);
  expect((await desktopCaller(desktop).connection.status()).state).toBe('standalone');
}

describe('accepting an invitation from the desktop', () => {
  it('makes the account, connects as the new member, and shows that tenant’s data only', async () => {
    const { token } = await invite();
    const opened = await openDesktop('d1');

    // A weak password is refused on its field; the invitation stays open.
    const weak = await expectDomainError(() => accept(opened.desktop, token, 'short'), 'INVALID_INPUT');
    expect(weak.data.fieldErrors?.password?.[0]).toMatch(/at least 12 characters/);
    await expectNothingStored(opened);

    const status = await accept(opened.desktop, token);
    expect(status).toMatchObject({ state: 'connected', serverUrl: server.url, email: INVITEE.email });
    expect(opened.secrets.values.get(REFRESH_TOKEN_SECRET)).toBeTruthy();

    const caller = desktopCaller(opened.desktop);
    const session = await caller.tenants.session();
    expect(session.tenant.name).toBe('Acme');
    const me = await caller.auth.me();
    expect(me.user).toMatchObject({ name: INVITEE.name, email: INVITEE.email });
    const customers = await caller.customers.list({ status: 'all' });
    expect(customers.items.map((c) => c.name)).toEqual(['Alan Turing']);
    // A viewer reads; the server refuses the viewer's command with its reason.
    await expectDomainError(
      () => caller.customers.create({ name: 'Nope', email: 'nope@acme.test', country: 'GB' }),
      'FORBIDDEN',
    );

    // The new account signs in with the chosen password, like any other.
    await desktopCaller(opened.desktop).connection.disconnect();
    const again = await desktopCaller(opened.desktop).connection.connect({
      serverUrl: server.url,
      email: INVITEE.email,
      password: INVITEE.password,
    });
    expect(again.state).toBe('connected');
  });

  it('refuses a code already used, on the code field, and keeps nothing', async () => {
    const { token } = await invite();
    const first = await openDesktop('d1');
    await accept(first.desktop, token);

    const second = await openDesktop('d2');
    const used = await expectDomainError(() => accept(second.desktop, token), 'INVALID_STATE');
    expect(used.message).toBe('This invitation was already accepted');
    expect(used.data.fieldErrors).toEqual({ code: ['This invitation was already accepted'] });
    await expectNothingStored(second);
  });

  it('refuses a revoked code and a mistyped one, and keeps nothing', async () => {
    const { invitation, token } = await invite();
    await (await tenantA.caller()).admin.invitations.revoke({ id: invitation.id });
    const opened = await openDesktop('d1');
    const revoked = await expectDomainError(() => accept(opened.desktop, token), 'NOT_FOUND');
    expect(revoked.data.fieldErrors).toEqual({ code: ['This invitation was not found'] });
    await expectDomainError(() => accept(opened.desktop, `${token}x`), 'NOT_FOUND');
    await expectNothingStored(opened);
  });

  it('says on the address field when no server answers there', async () => {
    const opened = await openDesktop('d1');
    const seen = await expectDomainError(
      () =>
        desktopCaller(opened.desktop).connection.acceptInvitation({
          serverUrl: 'http://127.0.0.1:1',
          code: 'tgi_nothing-here',
          name: INVITEE.name,
          password: INVITEE.password,
        }),
      'INVALID_STATE',
    );
    expect(seen.data.fieldErrors?.serverUrl?.[0]).toMatch(/No server answered at http:\/\/127\.0\.0\.1:1/);
    await expectNothingStored(opened);
  });
});

describe('connection.acceptInvitation: bad input', () => {
  const TEN_KB = 'x'.repeat(10_240);
  const good = () => ({
    serverUrl: server.url,
    code: 'tgi_abc',
    name: INVITEE.name,
    password: INVITEE.password,
  });
  const CASES: [string, () => Record<string, unknown>, string][] = [
    ['no server address', () => ({ ...good(), serverUrl: '' }), 'serverUrl'],
    [
      'an address that is not http',
      () => ({ ...good(), serverUrl: 'ftp://billing.example.com' }),
      'serverUrl',
    ],
    ['an empty code', () => ({ ...good(), code: '   ' }), 'code'],
    ['a 10 KB code', () => ({ ...good(), code: TEN_KB }), 'code'],
    ['an empty name', () => ({ ...good(), name: ' ' }), 'name'],
    ['a 10 KB name', () => ({ ...good(), name: TEN_KB }), 'name'],
    ['no password', () => ({ ...good(), password: '' }), 'password'],
    ['a field it does not take', () => ({ ...good(), token: 'tgi_abc' }), 'token'],
  ];

  it.each(CASES)('refuses %s, naming the field, and keeps and sends nothing', async (_, input, field) => {
    const { invitation } = await invite();
    const opened = await openDesktop('d1');
    const call = desktopCaller(opened.desktop).connection.acceptInvitation as (
      i: unknown,
    ) => Promise<unknown>;
    const seen = await expectDomainError(() => call(input()), 'INVALID_INPUT');
    expect(Object.keys(seen.data.fieldErrors ?? {})).toEqual([field]);
    await expectNothingStored(opened);
    const open = await (await tenantA.caller()).admin.invitations.list({ scope: 'tenant' });
    expect(open.map((i) => i.id)).toEqual([invitation.id]);
  });
});
