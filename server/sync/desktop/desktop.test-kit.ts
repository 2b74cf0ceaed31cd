import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createContext } from '../../trpc/context';
import { appRouter } from '../../app/router';
import { setPassword } from '../../auth';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../embedded/backend';
import { createHostedBackend, type HostedBackend } from '../../hosted/backend';
import type { HostedConfig } from '../../hosted/config';
import { TEST_OWNER, TEST_SCRYPT } from '../../hosted/hosted.test-kit';
import { close, createHttpServer, listen } from '../../http/server';
import { ManualClock, type Clock } from '../../lib/clock';
import { silentLogger } from '../../lib/logger';
import { insertMembership, insertTenant, insertUser, loadPrincipal } from '../../modules/tenants';
import type { DesktopSyncOptions } from './embedded';
import { testServerPostgres } from '../../testing/test-database.test-kit';

/** A hosted server over real HTTP that a test can stop gracefully, or kill, and start again on its port. */
export interface RestartableServer {
  url: string;
  port: number;
  backend: HostedBackend;
  /**
   * Arms a crash for the moment a row matching `when` is inserted into `table`: that write's
   * transaction rolls back, every later write is refused, and every connection is cut — what
   * a killed process leaves behind. (Commands run without yielding to the event loop, so a
   * timer could not stop the server part-way; a trigger can.)
   */
  killWhen(table: string, when: string): void;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /**
   * Where the server keeps its data, explicitly: a PostgreSQL database (benchmarks put the server
   * there outside vitest), or null for SQLite in `dir`. Left out, the test run's dialect decides
   * (server/testing/test-database.test-kit.ts).
   */
  postgres?: HostedConfig['postgres'];
}

export async function startServer(
  dir: string,
  clock: Clock,
  port = 0,
  options: StartServerOptions = {},
): Promise<RestartableServer> {
  const postgres = options.postgres !== undefined ? options.postgres : await testServerPostgres(dir);
  const backend = await createHostedBackend({
    config: {
      dataDir: join(dir, 'server'),
      postgres,
      tokenKey: { secret: new TextEncoder().encode('test-only token secret, 32 bytes+') },
      owner: TEST_OWNER,
      gateway: {},
      smtp: null,
    },
    logger: silentLogger,
    clock,
    scrypt: TEST_SCRYPT,
  });
  const server: Server = createHttpServer({
    router: backend.router,
    createContext: (req) =>
      backend.contextFromHeaders((name) => req.headers[name] as string | undefined, 'hosted'),
    logger: silentLogger,
  });
  const listening = await listen(server, port);
  let killed = false;
  return {
    ...listening,
    backend,
    killWhen: (table, when) => {
      const sqlite = backend.database.sqlite;
      sqlite.function('tollgate_test_dead', () => (killed ? 1 : 0));
      sqlite.function('tollgate_test_kill', () => {
        killed = true;
        server.close();
        server.closeAllConnections();
        return 1;
      });
      const tables = sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'",
        )
        .all() as { name: string }[];
      for (const { name } of tables) {
        for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
          sqlite.exec(`CREATE TEMP TRIGGER test_dead_${name}_${event} BEFORE ${event} ON main."${name}"
            WHEN tollgate_test_dead() BEGIN SELECT RAISE(ABORT, 'the server was killed'); END`);
        }
      }
      sqlite.exec(`CREATE TEMP TRIGGER test_kill AFTER INSERT ON main."${table}" WHEN ${when}
        BEGIN SELECT tollgate_test_kill(); SELECT RAISE(ABORT, 'the server was killed'); END`);
    },
    stop: async () => {
      if (!killed) await close(server);
      await backend.close();
    },
  };
}

/** A tenant with an admin who can sign in, made directly in the server's database. */
export async function seedTenant(
  server: RestartableServer,
  input: { name: string; slug: string; adminEmail: string; password: string },
) {
  const db = server.backend.database.db;
  const now = server.backend.services.clock.now();
  const tenant = await insertTenant(db, { name: input.name, slug: input.slug, now });
  const admin = await insertUser(db, { email: input.adminEmail, name: `${input.name} admin`, now });
  await insertMembership(db, { userId: admin.id, tenantId: tenant.id, role: 'admin', now });
  await setPassword(db, { userId: admin.id, password: input.password, now, scrypt: TEST_SCRYPT });
  return { tenant, admin, caller: serverCaller(server, admin.id, tenant.id) };
}

/** Another account who can sign in: a member of `tenantId` with `role`, or platform staff (tenantId null). */
export async function seedMember(
  server: RestartableServer,
  input: { tenantId: string | null; role: string; email: string; password: string },
) {
  const db = server.backend.database.db;
  const now = server.backend.services.clock.now();
  const user = await insertUser(db, {
    email: input.email,
    name: input.email.split('@')[0] ?? input.email,
    now,
  });
  await insertMembership(db, { userId: user.id, tenantId: input.tenantId, role: input.role as never, now });
  await setPassword(db, { userId: user.id, password: input.password, now, scrypt: TEST_SCRYPT });
  return user;
}

/** Calls the server's procedures directly (no HTTP) as a user, for setting up and checking. */
export function serverCaller(server: RestartableServer, userId: string, tenantId: string) {
  return async () =>
    appRouter.createCaller(
      createContext({
        services: server.backend.services,
        principal: await loadPrincipal(server.backend.database.db, userId),
        requestedTenantId: tenantId,
        client: { kind: 'test', id: 'setup' },
      }),
    );
}

export function startDesktop(dir: string, clock: Clock, sync: DesktopSyncOptions): Promise<EmbeddedBackend> {
  return createEmbeddedBackend({
    dataDir: dir,
    clock,
    logger: silentLogger,
    demo: false,
    gatewayConfig: {},
    smtpConfig: null,
    stripeEvents: { poll: false },
    sync: { intervalMs: 3_600_000, answerWaitMs: 3_000, ...sync },
  });
}

/** The console's view of a desktop: a caller built per request, as the transport builds contexts. */
export function desktopCaller(desktop: EmbeddedBackend, tenantId?: string) {
  return appRouter.createCaller(
    desktop.contextFromHeaders((name) => (name === 'x-tollgate-tenant' ? tenantId : undefined), 'desktop'),
  );
}

/** A fetch that fails like a cut network while `offline()` says so. */
export function switchableFetch(offline: () => boolean): typeof fetch {
  return (input, init) =>
    offline() ? Promise.reject(new TypeError('fetch failed: network is down')) : fetch(input, init);
}

export interface ServerAndDesktop {
  /** The test's folder: the server's data, and the desktops' beside it. */
  dir: string;
  server: RestartableServer;
  /** The desktop a test starts, if any; closed after the test. */
  desktop?: EmbeddedBackend;
}

/**
 * A server in a fresh folder (prefixed `prefix`) before each test of the file; after each, the
 * desktop the test started closed, the server stopped and the folder removed.
 */
export function useServerInFolder(prefix: string): ServerAndDesktop {
  const at = {} as ServerAndDesktop;
  beforeEach(async () => {
    at.dir = mkdtempSync(join(tmpdir(), prefix));
    at.desktop = undefined;
    at.server = await startServer(at.dir, new ManualClock(Date.now()));
  });
  afterEach(async () => {
    await at.desktop?.close();
    await at.server.stop();
    rmSync(at.dir, { recursive: true, force: true });
  });
  return at;
}
