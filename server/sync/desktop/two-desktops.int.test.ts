import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddedBackend } from '../../embedded/backend';
import { TIMELINE_ENTITY_TYPES } from '../../modules/timeline';
import { expectDomainError } from '../../testing/errors.test-kit';
import { queuedMarkOf } from '../../../shared/sync/offline';
import { desktopCaller, seedMember, seedTenant } from './desktop.test-kit';
import { armPostgresKill, type PostgresKill } from './postgres-kill.test-kit';
import { PASSWORD, sceneForEachTest } from './scene.test-kit';
import { testServerPostgres } from '../../testing/test-database.test-kit';

/**
 * One hosted server and two desktops, each with its own database, in this process over real
 * HTTP on 127.0.0.1. Desktop 1's network can be cut; the server can be killed and restarted.
 */

const scene = sceneForEachTest('tollgate-sync-');
let tenantA: Awaited<ReturnType<typeof seedTenant>>;
let tenantB: Awaited<ReturnType<typeof seedTenant>>;

beforeEach(async () => {
  tenantA = await seedTenant(scene.server, {
    name: 'Acme',
    slug: 'acme',
    adminEmail: 'ada@acme.test',
    password: PASSWORD,
  });
  tenantB = await seedTenant(scene.server, {
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
});

function openDesktop(name: string, cutOff = false): Promise<EmbeddedBackend> {
  return scene.open(name, { cutOff });
}

const closeDesktop = (desktop: EmbeddedBackend) => scene.close(desktop);
const connect = (desktop: EmbeddedBackend, email?: string) => scene.connect(desktop, email);

function serverCustomers(emailPrefix: string): Promise<{ email: string }[]> {
  return scene.server.backend.database.db
    .selectFrom('customers')
    .select('email')
    .where('email', 'like', `${emailPrefix}%`)
    .orderBy('email')
    .execute();
}

/** The armed PostgreSQL kill's undoing, until a test revives its server (or ends without). */
let armedKill: PostgresKill | null = null;
afterEach(async () => {
  // Worker processes outlive a file: a failed test must not leave the kill's connections open.
  await armedKill?.disarm();
  armedKill = null;
});

/**
 * Kills the server while it applies the command that inserts a customer making `when` true.
 * SQLite: the kit's temp triggers in the server's process cut its connections. PostgreSQL:
 * a trigger in the server's database (postgres-kill.test-kit.ts) has the desktops cut off
 * before the write rolls back. Resolves to what a restart on the same data needs undone.
 */
async function killServerWhen(when: string): Promise<() => Promise<void>> {
  const postgres = await testServerPostgres(scene.dir);
  if (!postgres) {
    scene.server.killWhen('customers', when);
    return () => Promise.resolve();
  }
  armedKill = await armPostgresKill(postgres.url, 'customers', when, () => scene.cut());
  return async () => {
    await armedKill?.disarm();
    armedKill = null;
    scene.offline = false;
  };
}

async function makeOffline(desktop: EmbeddedBackend, emails: string[]) {
  for (const email of emails) {
    // Queued, not failed: the answer says so and names the command.
    const answer = await desktopCaller(desktop).customers.create({ name: email, email, country: 'FR' });
    expect(queuedMarkOf(answer)).toMatchObject({ outboxId: expect.any(Number) as number });
  }
}

describe('two desktops and a server', () => {
  it('reads the server’s data through the replica and keeps the standalone data apart', async () => {
    const desktop = await openDesktop('d1');
    const before = await desktopCaller(desktop).tenants.session();
    expect((await connect(desktop)).state).toBe('connected');
    const session = await desktopCaller(desktop).tenants.session();
    expect(session.tenant.name).toBe('Acme');
    const list = await desktopCaller(desktop).customers.list({ status: 'all' });
    expect(list.items.map((c) => c.name)).toEqual(['Alan Turing']);

    // A command goes to the server and its answer comes back; the replica has it after the pull.
    const created = await desktopCaller(desktop).customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    expect(created.name).toBe('Grace Hopper');
    expect(await serverCustomers('grace@')).toHaveLength(1);
    expect((await desktopCaller(desktop).customers.get({ id: created.id })).email).toBe('grace@acme.test');
    // The server's refusal comes back with its reason.
    await expectDomainError(
      () =>
        desktopCaller(desktop).customers.create({
          name: 'Grace again',
          email: 'grace@acme.test',
          country: 'US',
        }),
      'CONFLICT',
    );

    await desktopCaller(desktop).connection.disconnect();
    const back = await desktopCaller(desktop).tenants.session();
    expect(back.tenant.id).toBe(before.tenant.id);
    const local = await desktopCaller(desktop).customers.list({ status: 'all' });
    expect(local.items.map((c) => c.name)).not.toContain('Alan Turing');
  });

  it('desktop 1 works offline across a restart; back online each command runs once and desktop 2 sees them', async () => {
    const d1 = await openDesktop('d1', true);
    const d2 = await openDesktop('d2');
    await connect(d1);
    await connect(d2);
    scene.offline = true;
    await makeOffline(d1, ['off-1@acme.test', 'off-2@acme.test']);
    expect((await desktopCaller(d1).connection.status()).state).toBe('offline');

    // The outbox is on disk: a restart keeps the commands waiting.
    await closeDesktop(d1);
    const d1again = await openDesktop('d1', true);
    await makeOffline(d1again, ['off-3@acme.test']);
    const waiting = await desktopCaller(d1again).connection.outbox({});
    expect(waiting.map((e) => e.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await serverCustomers('off-')).toEqual([]);

    scene.offline = false;
    const status = await desktopCaller(d1again).connection.syncNow();
    expect(status).toMatchObject({ state: 'connected', pending: 0 });
    expect((await serverCustomers('off-')).map((c) => c.email)).toEqual([
      'off-1@acme.test',
      'off-2@acme.test',
      'off-3@acme.test',
    ]);

    await desktopCaller(d2).connection.syncNow();
    const seen = await desktopCaller(d2).customers.list({ status: 'all', search: 'off' });
    expect(seen.items.map((c) => c.email).sort()).toEqual([
      'off-1@acme.test',
      'off-2@acme.test',
      'off-3@acme.test',
    ]);

    // The answers were lost (the desktop still thinks them pending): pushing the same batch again changes nothing.
    const outboxDb = replicaFile('d1');
    outboxDb.prepare(`UPDATE sync_outbox SET status = 'pending', settled_at = NULL`).run();
    outboxDb.close();
    await desktopCaller(d1again).connection.syncNow();
    expect(await serverCustomers('off-')).toHaveLength(3);
    const answers = await desktopCaller(d1again).connection.outbox({});
    expect(answers.map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a server killed mid-push loses nothing and doubles nothing', async () => {
    const d1 = await openDesktop('d1', true);
    await connect(d1);
    scene.offline = true;
    const emails = Array.from({ length: 30 }, (_, i) => `kill-${String(i).padStart(2, '0')}@acme.test`);
    await makeOffline(d1, emails);
    scene.offline = false;

    // The server dies while applying the 6th command of the batch, which rolls back with it.
    const revive = await killServerWhen("(SELECT count(*) FROM customers WHERE email LIKE 'kill-%') >= 6");
    const interrupted = await desktopCaller(d1).connection.syncNow();
    expect(await serverCustomers('kill-')).toHaveLength(5);
    expect(interrupted.state).toBe('offline');
    expect(interrupted.pending).toBe(30);

    const port = scene.server.port;
    await scene.server.stop();
    await revive();
    await scene.restartServer(port);
    const resumed = await desktopCaller(d1).connection.syncNow();
    expect(resumed).toMatchObject({ state: 'connected', pending: 0 });
    expect((await serverCustomers('kill-')).map((c) => c.email)).toEqual(emails);
    // Were one of the five applied before the kill run again, it would have failed on its taken email.
    const answers = await desktopCaller(d1).connection.outbox({ limit: 100 });
    expect(answers.filter((e) => e.status === 'ok')).toHaveLength(30);
  });

  /**
   * Each kind of member signs in on a desktop, and every table of its replica's file is
   * scanned: no row of another tenant, and nothing its role may not list through the API —
   * another member's email, an invitee, a key's name, audit entries beyond the customer timeline.
   */
  describe.each([
    { role: 'admin', tenant: true, listsMembers: true, readsAudit: true },
    { role: 'billing', tenant: true, listsMembers: false, readsAudit: false },
    { role: 'viewer', tenant: true, listsMembers: false, readsAudit: false },
    { role: 'support', tenant: false, listsMembers: false, readsAudit: false },
  ])('a $role', ({ role, tenant, listsMembers, readsAudit }) => {
    it('has a replica holding only what its role may list, in any table', async () => {
      const admin = await tenantA.caller();
      await admin.admin.invitations.create({ scope: 'tenant', email: 'invitee@acme.test', role: 'viewer' });
      await admin.admin.apiKeys.create({ name: 'Acme warehouse key', role: 'viewer' });
      const email = `${role}.member@acme.test`;
      if (role !== 'admin') {
        await seedMember(scene.server, {
          tenantId: tenant ? tenantA.tenant.id : null,
          role,
          email,
          password: PASSWORD,
        });
      }
      const desktop = await openDesktop('d1');
      await connect(desktop, role === 'admin' ? 'ada@acme.test' : email);

      const otherTenant = [
        tenantB.tenant.id,
        tenantB.tenant.name,
        tenantB.admin.id,
        'bea@bertha.test',
        'Bertha Benz',
        'bertha@bertha.test',
      ];
      const forbidden = [
        'owner@tollgate.test',
        ...(tenant ? otherTenant : []),
        ...(listsMembers ? [] : ['ada@acme.test']),
        ...(readsAudit ? [] : ['invitee@acme.test', 'Acme warehouse key']),
      ];
      const sqlite = replicaFile('d1');
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      expect(tables.length).toBeGreaterThan(40);
      let rows = 0;
      for (const { name } of tables) {
        for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
          rows++;
          const text = JSON.stringify(row, (_, v: unknown) =>
            Buffer.isBuffer(v) ? v.toString('latin1') : v,
          );
          for (const needle of forbidden) expect(text, `${name} holds ${needle}`).not.toContain(needle);
        }
      }
      expect(rows).toBeGreaterThan(5);
      expect(JSON.stringify(sqlite.prepare('SELECT * FROM customers').all())).toContain('Alan Turing');
      const kinds = sqlite.prepare('SELECT DISTINCT entity_type AS kind FROM audit_log').all() as {
        kind: string;
      }[];
      if (readsAudit) expect(kinds.map((k) => k.kind)).toContain('api_key');
      else for (const { kind } of kinds) expect(Object.keys(TIMELINE_ENTITY_TYPES)).toContain(kind);
      sqlite.close();
      // What the console shows through the replica agrees: the same customers, its own session.
      const session = await desktopCaller(desktop, tenantA.tenant.id).tenants.session();
      expect(session.role).toBe(role);
    });
  });

  it('a member whose role grows gets a replica started over, with what the new role may list', async () => {
    const admin = await tenantA.caller();
    await admin.admin.invitations.create({ scope: 'tenant', email: 'invitee@acme.test', role: 'viewer' });
    const viewer = await seedMember(scene.server, {
      tenantId: tenantA.tenant.id,
      role: 'viewer',
      email: 'vera@acme.test',
      password: PASSWORD,
    });
    const desktop = await openDesktop('d1');
    await connect(desktop, 'vera@acme.test');
    const auditText = () => {
      const sqlite = replicaFile('d1');
      const text = JSON.stringify(sqlite.prepare('SELECT * FROM audit_log').all());
      sqlite.close();
      return text;
    };
    expect(auditText()).not.toContain('invitee@acme.test');

    await admin.admin.members.changeRole({ userId: viewer.id, role: 'admin' });
    expect((await desktopCaller(desktop).connection.syncNow()).state).toBe('connected');
    // The invitation was made before the replica's cursor: only starting over brings it.
    expect(auditText()).toContain('invitee@acme.test');
    expect((await desktopCaller(desktop, tenantA.tenant.id).tenants.session()).role).toBe('admin');
  });
});

/** The desktop's replica database, opened beside the desktop's own connection. */
function replicaFile(desktopName: string): Database.Database {
  const replicas = join(scene.dir, desktopName, 'replicas');
  const files = readdirSync(replicas).filter((f) => f.endsWith('.sqlite'));
  expect(files).toHaveLength(1);
  return new Database(join(replicas, files[0] as string));
}
