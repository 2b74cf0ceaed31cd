import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialect } from '../testing/test-database.test-kit';
import type { AppDatabase } from './connection';
import { selectRows } from './raw-rows';

let database: AppDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
  await database.db
    .insertInto('tenants')
    .values([
      { id: 'ten_b', name: 'Beta, "quoted"', slug: 'beta', status: 'active', created_at: 2 },
      { id: 'ten_a', name: 'Alpha', slug: 'alpha', status: 'suspended', created_at: 1 },
      { id: 'ten_c', name: 'Zoë', slug: 'zoe', status: 'active', created_at: 3 },
    ])
    .execute();
});
afterEach(async () => {
  await database.close();
});

describe('selectRows', () => {
  it('gives the rows query.execute() gives: names, aliases, values, order', async () => {
    const query = database.db
      .selectFrom('tenants')
      .select(['id', 'name as title', 'status', 'created_at'])
      .where('created_at', '>=', 2)
      .orderBy('created_at', 'desc');
    const rows = await selectRows(database.db, query);
    expect(rows).toEqual(await query.execute());
    expect(rows).toEqual([
      { id: 'ten_c', title: 'Zoë', status: 'active', created_at: 3 },
      { id: 'ten_b', title: 'Beta, "quoted"', status: 'active', created_at: 2 },
    ]);
  });

  it('reads through a transaction as Kysely does (the transaction is not the database it was opened with)', async () => {
    const names = await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('tenants').set({ name: 'Alpha 2' }).where('id', '=', 'ten_a').execute();
      return selectRows(trx, trx.selectFrom('tenants').select('name').where('id', '=', 'ten_a'));
    });
    expect(names).toEqual([{ name: 'Alpha 2' }]);
  });
});

describe.runIf(testDialect() === 'sqlite')('selectRows on SQLite', () => {
  it('waits for another caller’s open transaction instead of reading inside it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let deleted: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (deleted = resolve));
    const rolledBack = database.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('tenants').where('id', '=', 'ten_a').execute();
        deleted();
        await held;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await inside;
    const read = selectRows(database.db, database.db.selectFrom('tenants').select('id').orderBy('id'));
    release();
    expect(await rolledBack).toBe('rolled back');
    // Read inside the transaction it would have missed ten_a, deleted there and then rolled back.
    expect((await read).map((row) => row.id)).toEqual(['ten_a', 'ten_b', 'ten_c']);
  });
});
