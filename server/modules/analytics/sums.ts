import type { Kysely, Transaction } from 'kysely';
import type { RowDiff } from '../../../shared/analytics/mrr-diff';
import type { DB } from '../../db/schema';
import type { MovementRow } from './states-repo';

type Db = Kysely<DB> | Transaction<DB>;

interface Sum {
  amount: number;
  amount_reporting: number;
  movements: number;
  customers: number;
}

type MonthlyKey = Pick<
  MovementRow,
  'currency' | 'month' | 'kind' | 'plan_id' | 'interval' | 'source' | 'country'
>;
type CohortKey = Pick<MovementRow, 'currency' | 'cohort' | 'month'>;

const monthlyKey = (r: MovementRow): MonthlyKey => ({
  currency: r.currency,
  month: r.month,
  kind: r.kind,
  plan_id: r.plan_id,
  interval: r.interval,
  source: r.source,
  country: r.country,
});
const cohortKey = (r: MovementRow): CohortKey => ({ currency: r.currency, cohort: r.cohort, month: r.month });

/** The difference's signed sums per bucket; buckets the difference leaves unchanged are dropped. */
function sumsOf<K extends object>(diff: RowDiff<MovementRow>, keyOf: (row: MovementRow) => K) {
  const sums = new Map<string, { key: K; sum: Sum }>();
  const add = (row: MovementRow, sign: 1 | -1) => {
    const key = keyOf(row);
    const id = JSON.stringify(key);
    const entry = sums.get(id) ?? {
      key,
      sum: { amount: 0, amount_reporting: 0, movements: 0, customers: 0 },
    };
    entry.sum.amount += sign * row.amount;
    // A movement without a rate adds nothing in the reporting currency (docs/analytics.md).
    entry.sum.amount_reporting += sign * (row.amount_reporting ?? 0);
    entry.sum.movements += sign;
    entry.sum.customers += sign * row.customer_delta;
    sums.set(id, entry);
  };
  diff.inserted.forEach((row) => add(row, 1));
  diff.deleted.forEach((row) => add(row, -1));
  return [...sums.values()].filter(({ sum }) => Object.values(sum).some((value) => value !== 0));
}

/**
 * Keeps mrr_monthly and mrr_cohorts equal to the sums of the movements by adding the
 * difference just written (an upsert adding to the stored figures, safe beside concurrent
 * writers); a bucket left with no movement is removed, so the sums hold exactly the rows a
 * rebuild from nothing would hold.
 */
export async function adjustSums(db: Db, tenantId: string, diff: RowDiff<MovementRow>): Promise<void> {
  for (const { key, sum } of sumsOf(diff, monthlyKey)) {
    await db
      .insertInto('mrr_monthly')
      .values({ tenant_id: tenantId, ...key, ...sum })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'currency', 'month', 'kind', 'plan_id', 'interval', 'source', 'country'])
          .doUpdateSet((eb) => ({
            amount: eb('mrr_monthly.amount', '+', eb.ref('excluded.amount')),
            amount_reporting: eb('mrr_monthly.amount_reporting', '+', eb.ref('excluded.amount_reporting')),
            movements: eb('mrr_monthly.movements', '+', eb.ref('excluded.movements')),
            customers: eb('mrr_monthly.customers', '+', eb.ref('excluded.customers')),
          })),
      )
      .execute();
    if (sum.movements >= 0) continue;
    await db
      .deleteFrom('mrr_monthly')
      .where('tenant_id', '=', tenantId)
      .where('currency', '=', key.currency)
      .where('month', '=', key.month)
      .where('kind', '=', key.kind)
      .where('plan_id', '=', key.plan_id)
      .where('interval', '=', key.interval)
      .where('source', '=', key.source)
      .where('country', '=', key.country)
      .where('movements', '=', 0)
      .execute();
  }
  for (const { key, sum } of sumsOf(diff, cohortKey)) {
    await db
      .insertInto('mrr_cohorts')
      .values({ tenant_id: tenantId, ...key, ...sum })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'currency', 'cohort', 'month']).doUpdateSet((eb) => ({
          amount: eb('mrr_cohorts.amount', '+', eb.ref('excluded.amount')),
          amount_reporting: eb('mrr_cohorts.amount_reporting', '+', eb.ref('excluded.amount_reporting')),
          movements: eb('mrr_cohorts.movements', '+', eb.ref('excluded.movements')),
          customers: eb('mrr_cohorts.customers', '+', eb.ref('excluded.customers')),
        })),
      )
      .execute();
    if (sum.movements >= 0) continue;
    await db
      .deleteFrom('mrr_cohorts')
      .where('tenant_id', '=', tenantId)
      .where('currency', '=', key.currency)
      .where('cohort', '=', key.cohort)
      .where('month', '=', key.month)
      .where('movements', '=', 0)
      .execute();
  }
}
