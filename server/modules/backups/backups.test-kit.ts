import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openPostgres, type AppDatabase } from '../../db/connection';
import { ManualClock } from '../../lib/clock';
import { testServerPostgres } from '../../testing/test-database.test-kit';
import { testCaller, testServices } from '../../testing/world.test-kit';
import { insertMembership, insertTenant, insertUser, loadPrincipal } from '../tenants';
import type { BackupSource } from './take';

/**
 * A server database a backup can be taken of: a SQLite FILE (a second connection must be able
 * to open it, unlike the in-memory test database), or on the PostgreSQL project a database of
 * its own whose URL pg_dump can reach. One tenant with an admin acting through the app's commands.
 */
export async function openBackupWorld() {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-backups-'));
  const postgres = await (testServerPostgres(dir) ?? null);
  const path = join(dir, 'tollgate.sqlite');
  const database: AppDatabase = postgres ? await openPostgres(postgres) : openDatabase({ path });
  const source: BackupSource = postgres ? { kind: 'postgres', url: postgres.url } : { kind: 'sqlite', path };
  const clock = new ManualClock(Date.UTC(2026, 11, 7, 3, 0));
  const services = testServices(database, clock);
  const now = clock.now();
  const tenant = await insertTenant(database.db, { name: 'Backed Up', slug: 'backed-up', now });
  const user = await insertUser(database.db, { email: 'admin@backup.example', name: 'Admin', now });
  await insertMembership(database.db, { userId: user.id, tenantId: tenant.id, role: 'admin', now });
  const principal = await loadPrincipal(database.db, user.id);
  const admin = testCaller(services, principal, tenant.id, 'admin');
  return {
    dir,
    backupDir: join(dir, 'backups'),
    database,
    source,
    clock,
    services,
    admin,
    close: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type BackupWorld = Awaited<ReturnType<typeof openBackupWorld>>;

/**
 * Creates customers through the app's command, one after another, until stopped; `written`
 * counts those committed. Each write also appends to the tenant's audit chain.
 */
export function startWriting(world: BackupWorld) {
  let stopped = false;
  let written = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const done = (async () => {
    while (!stopped) {
      await world.admin.customers.create({
        name: `Writer ${written}`,
        email: `w${written}@backup.example`,
        country: 'US',
      });
      written++;
      // As requests do, each write comes in its own turn of the event loop, so the backup's
      // steps (and everything else the server does) run between them.
      await new Promise((resolve) => setImmediate(resolve));
      for (const waiter of waiters.filter((w) => written >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  })();
  return {
    get written() {
      return written;
    },
    /** Resolves once `count` customers in all have been written: a readiness signal, not a sleep. */
    reached: (count: number) =>
      written >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
