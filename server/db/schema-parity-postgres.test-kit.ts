import type pg from 'pg';
import { inject } from 'vitest';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  uniqueDatabaseName,
} from '../../tests/support/postgres-admin';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

/**
 * An empty database of its own on the run's PostgreSQL server (tests/support/pg-global-setup.ts
 * provides it: TOLLGATE_TEST_POSTGRES_URL or a throwaway cluster), for the schema tests that
 * migrate from nothing rather than copy the run's template. Named with the run's prefix, so
 * the run's teardown drops it even if the test could not.
 */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const { url, prefix } = inject('tollgatePostgres');
  const name = uniqueDatabaseName(prefix);
  await createDatabase(url, name);
  return { url: databaseUrl(url, name), drop: () => dropDatabase(url, name) };
}

/**
 * Applies the PostgreSQL forms of `migrations` in order, each in a transaction, with the
 * bookkeeping table server/db/migrate-postgres.ts keeps: for a test that stops between versions
 * (an upgrade with rows in place), which openPostgres cannot.
 */
export async function applyPostgresForms(
  client: pg.Client,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL
  )`);
  for (const migration of migrations) {
    if (migration.postgres === undefined) {
      throw new Error(`migration ${migration.version}_${migration.name} has no PostgreSQL form`);
    }
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
