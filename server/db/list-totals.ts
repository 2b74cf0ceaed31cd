import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type Database from 'better-sqlite3';
import type { DB } from './schema';

/** Past this many matches a filtered list reports "1,000+" rather than counting further. */
export const COUNT_CAP = 1_000;

export interface Total {
  total: number;
  /** True when `total` is the cap: there are at least that many. */
  totalCapped: boolean;
}

/**
 * A list's exact total from the trigger-kept counters: `keyPattern` is matched with LIKE
 * against keys such as "paid" or "pln_…:active" ('%' for any part).
 */
export async function countedTotal(
  db: Kysely<DB>,
  tenantId: string,
  list: 'customers' | 'invoices' | 'payments' | 'subscriptions',
  keyPattern: string,
): Promise<Total> {
  const row = await db
    .selectFrom('list_counts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
    .where('tenant_id', '=', tenantId)
    .where('list', '=', list)
    .where(sql<boolean>`key LIKE ${keyPattern}`)
    .executeTakeFirstOrThrow();
  return { total: Number(row.n), totalCapped: false };
}

/** Counts a filtered list's matches, but stops at the cap: a search never costs a full count. */
export async function cappedTotal<T extends keyof DB>(
  filtered: SelectQueryBuilder<DB, T, object>,
  db: Kysely<DB>,
): Promise<Total> {
  const row = await db
    .selectFrom(
      filtered
        .select(sql<number>`1`.as('one'))
        .limit(COUNT_CAP + 1)
        .as('hits'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: n, totalCapped: false };
}

/** The lists counted in list_counts (migration 2), each with the key its triggers count by. */
const COUNTED_LISTS: Record<string, string> = {
  customers: 'status',
  invoices: 'status',
  payments: 'status',
  subscriptions: "plan_id || ':' || status",
};

/**
 * Recounts every counted list from its table in one GROUP BY each, as the per-row triggers
 * would have left them: for a SQLite replica that filled its rows with those triggers dropped
 * (server/sync/desktop/deferred-triggers.ts). Run inside the caller's transaction.
 */
export function recountListsSqlite(sqlite: Database.Database): void {
  const lists = Object.keys(COUNTED_LISTS);
  sqlite.prepare(`DELETE FROM list_counts WHERE list IN (${lists.map(() => '?').join(', ')})`).run(...lists);
  for (const [list, key] of Object.entries(COUNTED_LISTS)) {
    sqlite.exec(
      `INSERT INTO list_counts (tenant_id, list, key, n)
       SELECT tenant_id, '${list}', ${key}, count(*) FROM ${list} GROUP BY 1, 3`,
    );
  }
}
