import type pg from 'pg';
import { assertContiguous, type MigrationReport } from './migrate';
import type { Migration } from './migrations/types';

/** Any fixed number: the advisory lock every instance takes before migrating. */
export const MIGRATION_LOCK = 7_310_012;

/**
 * Brings a PostgreSQL database up to the newest migration with each migration's `postgres`
 * form, each step in its own transaction (PostgreSQL's DDL is transactional) and recorded in
 * schema_migrations, as SQLite's migrate does. Instances starting together take an advisory
 * lock first, so exactly one migrates and the others find the work done.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
  now: () => number = Date.now,
): Promise<MigrationReport> {
  assertContiguous(migrations);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await applyPending(client, migrations, now);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function applyPending(
  client: pg.PoolClient,
  migrations: readonly Migration[],
  now: () => number,
): Promise<MigrationReport> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
  )`);
  const { rows } = await client.query<{ version: string | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  const from = Number(rows[0]?.version ?? 0);
  const newest = migrations.length;
  if (from > newest) {
    throw new Error(
      `this database is at schema version ${from}, newer than this build knows (${newest}); use a newer Tollgate`,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations.slice(from)) {
    if (migration.postgres === undefined) {
      throw new Error(`migration ${migration.version}_${migration.name} has no PostgreSQL form`);
    }
    await client.query('BEGIN');
    try {
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now(),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    applied.push(`${migration.version}_${migration.name}`);
  }
  return { from, to: newest, applied };
}
