import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, openPostgres } from './connection';
import { diffSchemas } from './schema-parity';
import { createScratchDatabase, type ScratchDatabase } from './schema-parity-postgres.test-kit';
import { readPostgresSchema, readSqliteSchema } from './schema-parity-read';

describe('the schema on SQLite and on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(() => scratch.drop());

  it('has the same tables, columns and indexes after all migrations, but for the known differences', async () => {
    const sqlite = openDatabase({ path: ':memory:' });
    const sqliteShape = readSqliteSchema(sqlite.sqlite);
    await sqlite.close();

    // Migrated as the hosted server migrates it: every migration's PostgreSQL form, in order.
    const postgres = await openPostgres({ url: scratch.url, poolSize: 1 });
    try {
      const postgresShape = await readPostgresSchema(
        async <Row>(text: string) => (await sql.raw<Row>(text).execute(postgres.db)).rows,
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
      await postgres.close();
    }
  });
});
