import { sql, type Kysely } from 'kysely';
import type { Segment } from '../../../../shared/analytics/overview-schema';
import type { MovementKind } from '../../../../shared/analytics/formulas';
import type { DB } from '../../../db/schema';

/**
 * The Overview's reads: sums from mrr_monthly's roll-ups and mrr_cohorts (a few thousand rows
 * at most), never the movements themselves. Sums come back as numbers: PostgreSQL returns sum() of BIGINT as text.
 */

/**
 * The segment as a condition on mrr_movements, mrr_monthly or one of its roll-ups (same column
 * names); unset filters are all. A roll-up is only asked for filters it has (sumsTableFor).
 */
export function inSegment(table: SumsTable | 'mrr_movements', segment: Segment) {
  const columns = {
    currency: segment.currency,
    plan_id: segment.plan,
    interval: segment.interval,
    source: segment.source,
    country: segment.country,
  };
  const conditions = Object.entries(columns)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([column, value]) => sql`${sql.ref(`${table}.${column}`)} = ${value}`);
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`1 = 1`;
}

export interface MonthlySum {
  currency: string;
  month: string;
  kind: MovementKind;
  amount: number;
  amountReporting: number;
  customers: number;
}

/** The tables a segment's sums can be read from, each with the filters it can apply. */
type SumsTable = 'mrr_monthly_plans' | 'mrr_monthly_countries' | 'mrr_monthly';

/**
 * The smallest table that answers the segment (migration 28): without a country filter the
 * plan roll-up (its rows carry plan, interval and source), with a country filter alone the
 * country roll-up, and a country with another filter mrr_monthly itself, through its country
 * index. Each holds the same sums per currency, month and kind, grouped finer or coarser.
 */
export function sumsTableFor(segment: Segment): SumsTable {
  if (!segment.country) return 'mrr_monthly_plans';
  return segment.plan || segment.interval || segment.source ? 'mrr_monthly' : 'mrr_monthly_countries';
}

/** The segment's movements summed per currency, month and kind, for every month up to `to`. */
export async function monthlySums(
  db: Kysely<DB>,
  tenantId: string,
  segment: Segment,
  to: string,
): Promise<MonthlySum[]> {
  const table = sumsTableFor(segment);
  // The three share every column read here; typed as mrr_monthly, which has them all.
  const rows = await db
    .selectFrom(table as 'mrr_monthly')
    .where('tenant_id', '=', tenantId)
    .where('month', '<=', to)
    .where(inSegment(table, segment))
    .select([
      'currency',
      'month',
      'kind',
      sql<number>`sum(amount)`.as('amount'),
      sql<number>`sum(amount_reporting)`.as('amount_reporting'),
      sql<number>`sum(customers)`.as('customers'),
    ])
    .groupBy(['month', 'currency', 'kind'])
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    month: r.month,
    kind: r.kind,
    amount: Number(r.amount),
    amountReporting: Number(r.amount_reporting),
    customers: Number(r.customers),
  }));
}

export interface CohortSum {
  cohort: string;
  month: string;
  amount: number;
  amountReporting: number;
  customers: number;
}

/** Cohorts from `from` to `to`, per month up to `to`, in one currency or all of them. */
export async function cohortSums(
  db: Kysely<DB>,
  tenantId: string,
  range: { from: string; to: string; currency: string | null },
): Promise<CohortSum[]> {
  let query = db
    .selectFrom('mrr_cohorts')
    .where('tenant_id', '=', tenantId)
    .where('cohort', '>=', range.from)
    .where('cohort', '<=', range.to)
    .where('month', '<=', range.to);
  if (range.currency) query = query.where('currency', '=', range.currency);
  const rows = await query
    .select([
      'cohort',
      'month',
      sql<number>`sum(amount)`.as('amount'),
      sql<number>`sum(amount_reporting)`.as('amount_reporting'),
      sql<number>`sum(customers)`.as('customers'),
    ])
    .groupBy(['cohort', 'month'])
    .execute();
  return rows.map((r) => ({
    cohort: r.cohort,
    month: r.month,
    amount: Number(r.amount),
    amountReporting: Number(r.amount_reporting),
    customers: Number(r.customers),
  }));
}
