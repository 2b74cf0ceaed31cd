import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { MIGRATIONS } from './migrations';
import { diffSchemas } from './schema-parity';
import { readPostgresSchema, readSqliteSchema } from './schema-parity-read';

/** The cluster's admin URL (any database on it); the test makes and drops its own database there. */
function adminUrl(): string {
  const url = process.env.TOLLGATE_TEST_POSTGRES_URL;
  if (!url) throw new Error('TOLLGATE_TEST_POSTGRES_URL is not set: this test needs a PostgreSQL server');
  return url;
}

const database = `schema_parity_${process.pid}_${Date.now()}`;

function databaseUrl(): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
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

/**
 * Applies each migration's PostgreSQL form in order, each in a transaction. Temporary, until
 * openPostgres (server/db/connection.ts) is on this branch. A migration without a form yet is
 * passed over, so the comparison names the tables it would have made.
 */
async function migratePostgresForms(client: pg.Client): Promise<void> {
  // The bookkeeping table SQLite's migrate makes, as server/db/migrate-postgres.ts makes it.
  await client.query(
    'CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  for (const migration of MIGRATIONS) {
    if (migration.postgres === undefined) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.postgres);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`migration ${migration.version}_${migration.name} failed on PostgreSQL`, {
        cause: error,
      });
    }
  }
}

describe('the schema on SQLite and on PostgreSQL', () => {
  beforeAll(() => asAdmin(`CREATE DATABASE ${database}`));
  afterAll(() => asAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it('has the same tables, columns and indexes after all migrations, but for the known differences', async () => {
    const sqlite = openDatabase({ path: ':memory:' });
    const sqliteShape = readSqliteSchema(sqlite.sqlite);
    await sqlite.close();

    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      await migratePostgresForms(client);
      const postgresShape = await readPostgresSchema(
        async <Row>(text: string) => (await client.query<Row & pg.QueryResultRow>(text)).rows,
      );

      // Both were read: an empty reading on either side would compare equal to nothing.
      expect(sqliteShape.invoices?.columns.total).toEqual({
        type: 'integer',
        notNull: true,
        primaryKeyPosition: 0,
      });
      expect(postgresShape.customers?.indexes).toContain('customers_search');
      expect(diffSchemas(sqliteShape, postgresShape)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
