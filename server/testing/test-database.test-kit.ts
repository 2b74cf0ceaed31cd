import { openDatabase, openPostgres, type AppDatabase } from '../db/connection';
import type { Dialect } from '../db/dialect';
import {
  copyDatabase,
  databaseUrl,
  dropDatabase,
  uniqueDatabaseName,
} from '../../tests/support/postgres-admin';

/**
 * The database a test runs on. The integration suite runs twice: on SQLite (the `integration`
 * project) and on PostgreSQL (`integration-pg`, which sets TOLLGATE_TEST_DATABASE=postgres).
 * A test that opens its database here runs on whichever its project says, unchanged.
 */

/**
 * The run's PostgreSQL server and template (tests/support/pg-global-setup.ts). vitest is loaded
 * here, on the PostgreSQL project only: benchmarks use the hosted and desktop kits outside vitest.
 */
async function postgresRun() {
  const { inject } = await import('vitest');
  return inject('tollgatePostgres');
}

/** The database this test run is for. */
export function testDialect(): Dialect {
  return process.env.TOLLGATE_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

let sqliteTemplate: Buffer | null = null;

/**
 * One migrated, empty SQLite database per test process, serialized: each test's database is an
 * in-memory copy of it (migrating afresh took most of a test world's setup on a loaded machine).
 */
function migratedSqlite(): Buffer {
  if (!sqliteTemplate) {
    const template = openDatabase({ path: ':memory:' });
    sqliteTemplate = template.sqlite.serialize();
    template.sqlite.close();
  }
  return sqliteTemplate;
}

/**
 * A fresh, migrated, empty database of the run's dialect. SQLite: in memory. PostgreSQL: a
 * copy of the run's migrated template (tests/support/pg-global-setup.ts) under a name of its
 * own; its close() also drops it, ending any connection a test left open on it. A SQLite
 * database starts as a copy of the process's migrated one, and is migrated (a no-op) on open.
 */
export async function openTestDatabase(): Promise<AppDatabase> {
  if (testDialect() === 'sqlite') return openDatabase({ path: ':memory:', from: migratedSqlite() });
  const { url, template, prefix } = await postgresRun();
  const name = uniqueDatabaseName(prefix);
  await copyDatabase(url, name, template);
  let database: AppDatabase;
  try {
    database = await openPostgres({ url: databaseUrl(url, name) });
  } catch (error) {
    await dropDatabase(url, name);
    throw error;
  }
  const closePool = database.close.bind(database);
  // Assigned, not spread: a PostgreSQL AppDatabase's `sqlite` is a getter that throws.
  database.close = async () => {
    await closePool();
    await dropDatabase(url, name);
  };
  return database;
}

const serverDatabases = new Map<string, Promise<{ url: string; poolSize: number }>>();

/**
 * Where a hosted server a test starts in `dir` keeps its data: null on SQLite (tollgate.sqlite
 * in `dir`, as in production); on PostgreSQL a fresh migrated database of its own, the same one
 * each time the test restarts a server in that `dir`. The run's teardown drops it with the rest.
 */
export function testServerPostgres(dir: string): Promise<{ url: string; poolSize: number }> | null {
  if (testDialect() === 'sqlite') return null;
  let database = serverDatabases.get(dir);
  if (!database) {
    database = postgresRun().then(async ({ url, template, prefix }) => {
      const name = uniqueDatabaseName(prefix);
      await copyDatabase(url, name, template);
      return { url: databaseUrl(url, name), poolSize: 10 };
    });
    serverDatabases.set(dir, database);
  }
  return database;
}
