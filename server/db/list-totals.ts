import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
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
