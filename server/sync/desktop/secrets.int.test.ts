import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WITHHELD_MESSAGE } from '../../trpc/secrets';
import { verifyApiKey } from '../../auth/api-keys';
import type { EmbeddedBackend } from '../../embedded/backend';
import { ManualClock } from '../../lib/clock';
import { queuedMarkOf } from '../../../shared/sync/offline';
import { SECRET_LOST_MESSAGE } from './outbox';
import {
  desktopCaller,
  seedTenant,
  startDesktop,
  startServer,
  type RestartableServer,
} from './desktop.test-kit';
import { openStripeSecret } from '../../modules/stripe-events/sealed-secret';

/**
 * A connected desktop's outbox keeps commands on disk until the server answers; the secrets
 * some of them carry (a webhook signing secret going in, a new API key or invitation code
 * coming back) must never be written there.
 */

const PASSWORD = 'correct horse battery staple';
const SIGNING_SECRET = 'whsec_desktopOutboxNeverKeepsThis0123';
let dir: string;
let clock: ManualClock;
let server: RestartableServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let desktops: EmbeddedBackend[];
let network: { offline: boolean; loseNextPushAnswer: boolean };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-sync-secrets-'));
  clock = new ManualClock(Date.now());
  server = await startServer(dir, clock);
  tenant = await seedTenant(server, {
    name: 'Acme',
    slug: 'acme',
    adminEmail: 'ada@acme.test',
    password: PASSWORD,
  });
  desktops = [];
  network = { offline: false, loseNextPushAnswer: false };
});

afterEach(async () => {
  for (const desktop of desktops) await desktop.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A network that can be cut, or deliver a push and lose its answer on the way back. */
const flakyFetch: typeof fetch = async (input, init) => {
  if (network.offline) throw new TypeError('fetch failed: network is down');
  const response = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (network.loseNextPushAnswer && url.includes('sync.push')) {
    network.loseNextPushAnswer = false;
    await response.arrayBuffer();
    throw new TypeError('fetch failed: connection reset');
  }
  return response;
};

async function openDesktop(): Promise<EmbeddedBackend> {
  const desktop = await startDesktop(join(dir, 'd1'), clock, { fetch: flakyFetch });
  desktops.push(desktop);
  return desktop;
}

async function restartDesktop(desktop: EmbeddedBackend): Promise<EmbeddedBackend> {
  desktops.splice(desktops.indexOf(desktop), 1);
  await desktop.close();
  return openDesktop();
}

/** Every byte the desktop wrote under its data directory (replica, WAL, settings, secret store). */
function desktopBytes(): string {
  const texts: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else texts.push(readFileSync(path).toString('latin1'));
  };
  walk(join(dir, 'd1'));
  return texts.join('\n');
}

async function serverSigningSecret(): Promise<string | undefined> {
  const row = await server.backend.database.db
    .selectFrom('stripe_webhook_endpoints')
    .select('secret')
    .where('tenant_id', '=', tenant.tenant.id)
    .executeTakeFirst();
  // Stored sealed (decision on secrets at rest): what the server holds, opened.
  return row ? openStripeSecret(tenant.tenant.id, row.secret) : undefined;
}

describe('secrets and the desktop outbox', () => {
  it('hands a new API key and invitation code to the console once and writes neither to disk', async () => {
    const desktop = await openDesktop();
    await desktopCaller(desktop).connection.connect({
      serverUrl: server.url,
      email: 'ada@acme.test',
      password: PASSWORD,
    });

    const created = await desktopCaller(desktop).admin.apiKeys.create({ name: 'Warehouse', role: 'viewer' });
    expect(created.key).toMatch(/^tg_key_/);
    const invited = await desktopCaller(desktop).admin.invitations.create({
      scope: 'tenant',
      email: 'new.hire@acme.test',
      role: 'billing',
    });
    expect(invited.token).toMatch(/^tgi_/);
    await expect(verifyApiKey(server.backend.database.db, created.key, clock.now())).resolves.toMatchObject({
      userId: created.apiKey.id,
    });

    const entries = await desktopCaller(desktop).connection.outbox({});
    expect(entries.map((e) => [e.status, e.withheld])).toEqual([
      ['ok', WITHHELD_MESSAGE],
      ['ok', WITHHELD_MESSAGE],
    ]);
    await desktopCaller(desktop).connection.syncNow();
    const bytes = desktopBytes();
    expect(bytes).not.toContain(created.key);
    expect(bytes).not.toContain(invited.token);
  });

  it('keeps a secret input in memory only: sent while the app runs, failed clearly after a restart', async () => {
    let desktop = await openDesktop();
    await desktopCaller(desktop).connection.connect({
      serverUrl: server.url,
      email: 'ada@acme.test',
      password: PASSWORD,
    });
    // Tenant admins hold no settings.write; the platform owner does. Ada is made one for this.
    await server.backend.database.db
      .updateTable('memberships')
      .set({ tenant_id: null, role: 'owner' })
      .where('user_id', '=', tenant.admin.id)
      .execute();
    await desktopCaller(desktop).connection.syncNow();
    const inAcme = () => desktopCaller(desktop, tenant.tenant.id);

    // Offline: queued, in memory; the file holds the command without its secret.
    network.offline = true;
    const queued = await inAcme().stripeEvents.setSecret({ secret: SIGNING_SECRET });
    expect(queuedMarkOf(queued)).not.toBeNull();
    expect(desktopBytes()).not.toContain(SIGNING_SECRET);
    network.offline = false;
    await desktopCaller(desktop).connection.syncNow();
    expect(await serverSigningSecret()).toBe(SIGNING_SECRET);

    // Queued again, and the app restarts before it is sent: refused with why, never sent half-made.
    network.offline = true;
    const second = `${SIGNING_SECRET}X`;
    expect(queuedMarkOf(await inAcme().stripeEvents.setSecret({ secret: second }))).not.toBeNull();
    desktop = await restartDesktop(desktop);
    network.offline = false;
    await desktopCaller(desktop).connection.syncNow();
    const entries = await desktopCaller(desktop).connection.outbox({});
    expect(entries[0]).toMatchObject({ status: 'error', errorMessage: SECRET_LOST_MESSAGE });
    expect(await serverSigningSecret()).toBe(SIGNING_SECRET);
    const bytes = desktopBytes();
    expect(bytes).not.toContain(SIGNING_SECRET);
  });

  it('a key whose one answer was lost on the way is done on the server, withheld here, and said so', async () => {
    const desktop = await openDesktop();
    await desktopCaller(desktop).connection.connect({
      serverUrl: server.url,
      email: 'ada@acme.test',
      password: PASSWORD,
    });
    network.loseNextPushAnswer = true;
    const lost = await desktopCaller(desktop).admin.apiKeys.create({ name: 'Lost', role: 'viewer' });
    expect(queuedMarkOf(lost)).not.toBeNull();
    await desktopCaller(desktop).connection.syncNow();
    const entries = await desktopCaller(desktop).connection.outbox({});
    expect(entries[0]).toMatchObject({ status: 'ok', withheld: WITHHELD_MESSAGE });
    expect(await server.backend.database.db.selectFrom('api_keys').select('id').execute()).toHaveLength(1);
    expect(desktopBytes()).not.toMatch(/tg_key_[A-Za-z0-9_-]{16,}/);
  });
});
