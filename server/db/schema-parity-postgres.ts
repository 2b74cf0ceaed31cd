import pg from 'pg';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

/**
 * A database of its own on the test cluster (TOLLGATE_TEST_POSTGRES_URL, the admin URL), for the
 * PostgreSQL schema tests: made at start, dropped (connections and all) at the end.
 */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TOLLGATE_TEST_POSTGRES_URL;
  if (!url) throw new Error('TOLLGATE_TEST_POSTGRES_URL is not set: this test needs a PostgreSQL server');
  return url;
}

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Applies the PostgreSQL forms of `migrations` in order, each in a transaction, with the
 * bookkeeping table server/db/migrate-postgres.ts keeps: for a test that stops between versions
 * (an upgrade with rows in place), which openPostgres cannot. A migration without a form yet
 * (another helper's, not merged) is passed over: these tests are about the forms that exist.
 */
export async function applyPostgresForms(
  client: pg.Client,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL
  )`);
  for (const migration of migrations) {
    if (migration.postgres === undefined) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`migration ${migration.version}_${migration.name} failed on PostgreSQL`, {
        cause: error,
      });
    }
  }
}

/** The migrations from `from` up to and including `to`, by version. */
export const versions = (from: number, to: number): Migration[] =>
  MIGRATIONS.filter((m) => m.version >= from && m.version <= to);
