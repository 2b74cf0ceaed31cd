import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export interface TestClock {
  id: string;
  name: string;
  now: number;
  createdAt: number;
  updatedAt: number;
}

const COLUMNS = ['id', 'name', 'now', 'created_at', 'updated_at'] as const;
const toClock = (r: {
  id: string;
  name: string;
  now: number;
  created_at: number;
  updated_at: number;
}): TestClock => ({
  id: r.id,
  name: r.name,
  now: r.now,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertTestClock(db: Db, tenantId: string, clock: TestClock): Promise<void> {
  await db
    .insertInto('test_clocks')
    .values({
      id: clock.id,
      tenant_id: tenantId,
      name: clock.name,
      now: clock.now,
      created_at: clock.createdAt,
      updated_at: clock.updatedAt,
    })
    .execute();
}

export async function findTestClock(db: Db, tenantId: string, id: string): Promise<TestClock | undefined> {
  const row = await db
    .selectFrom('test_clocks')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toClock(row);
}

export async function listTestClocks(
  db: Db,
  tenantId: string,
): Promise<(TestClock & { customers: number; nextEventAt: number | null })[]> {
  const rows = await db
    .selectFrom('test_clocks')
    .leftJoin('customers', 'customers.test_clock_id', 'test_clocks.id')
    .select([
      'test_clocks.id',
      'test_clocks.name',
      'test_clocks.now',
      'test_clocks.created_at',
      'test_clocks.updated_at',
    ])
    .select((eb) => eb.fn.count<number>('customers.id').as('customers'))
    // When advancing next makes something happen: the console offers "past the next renewal".
    .select((eb) =>
      eb
        .selectFrom('jobs')
        .select((j) => j.fn.min<number>('jobs.run_at').as('r'))
        .whereRef('jobs.test_clock_id', '=', 'test_clocks.id')
        .where('jobs.status', '=', 'pending')
        .as('next_event_at'),
    )
    .where('test_clocks.tenant_id', '=', tenantId)
    .groupBy('test_clocks.id')
    .orderBy('test_clocks.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    ...toClock(r),
    customers: Number(r.customers),
    nextEventAt: r.next_event_at ?? null,
  }));
}

export async function setTestClockTime(
  db: Db,
  tenantId: string,
  id: string,
  now: number,
  wallNow: number,
): Promise<void> {
  await db
    .updateTable('test_clocks')
    .set({ now, updated_at: wallNow })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
