import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { databaseUrl } from '../../tests/support/postgres-admin';
import { insertTenant } from '../modules/tenants';
import { openTestDatabase, testDialect } from './test-database.test-kit';

/** The PostgreSQL test databases: each a migrated copy of the run's template, its own, gone once closed. */

const { url } = inject('tollgatePostgres');

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

const nameOf = async (database: Awaited<ReturnType<typeof openTestDatabase>>) =>
  (await sql<{ name: string }>`select current_database() as name`.execute(database.db)).rows[0]?.name ?? '';

const tenantCount = async (database: Awaited<ReturnType<typeof openTestDatabase>>) =>
  Number((await sql<{ n: number }>`select count(*) as n from tenants`.execute(database.db)).rows[0]?.n);

describe('openTestDatabase on PostgreSQL', () => {
  it('is the run dialect here', () => {
    expect(testDialect()).toBe('postgres');
  });

  it('gives each test a migrated, empty database of its own', async () => {
    const first = await openTestDatabase();
    const second = await openTestDatabase();
    try {
      expect(first.dialect).toBe('postgres');
      expect(await nameOf(first)).not.toBe(await nameOf(second));
      await insertTenant(first.db, { name: 'Tenant', slug: 'tenant', now: 0 });
      expect(await tenantCount(first)).toBe(1);
      expect(await tenantCount(second)).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('drops the database on close, even with a connection left open on it', async () => {
    const database = await openTestDatabase();
    const name = await nameOf(database);
    const forgotten = new pg.Client({ connectionString: databaseUrl(url, name) });
    forgotten.on('error', () => undefined);
    await forgotten.connect();
    await database.close();
    expect(await databaseExists(name)).toBe(false);
    await expect(forgotten.query('select 1')).rejects.toThrow();
    await forgotten.end().catch(() => undefined);
  });
});
