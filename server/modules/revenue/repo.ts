import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema';
import type { RevenueKind, RevenuePart, ReportingRate } from '../../../shared/analytics/revenue';
import type { RevenueSegment } from '../../../shared/analytics/revenue-schema';
import { parseRate } from '../../../shared/analytics/fx';

/**
 * The SQL of the revenue reports: reads of billing's tables (payments, refunds, disputes,
 * invoices and their lines, subscriptions, prices, customers) and of the workspace's FX
 * rates. Nothing here writes.
 */

const DAY_MS = 86_400_000;

/** Where each kind of money lives, which rows count, and the moment that places it in a month. */
const SOURCES: Record<
  RevenueKind,
  { table: 'payments' | 'refunds' | 'disputes'; at: string; counts: string[] }
> = {
  collected: { table: 'payments', at: 'created_at', counts: ['succeeded'] },
  refunded: { table: 'refunds', at: 'created_at', counts: ['succeeded'] },
  // Stripe takes a dispute's amount when it opens and gives it back only when it is won;
  // inquiries (warning_*) take nothing. So these statuses are money gone (decision 137).
  disputed: { table: 'disputes', at: 'opened_at', counts: ['needs_response', 'under_review', 'lost'] },
};

const dayOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Money of one kind in [fromMs, toMs), summed per UTC day, currency, plan and country, for
 * the segment. A row's plan and interval are those of its invoice's first priced line (the
 * plan it paid for), else of the invoice's subscription; a one-off invoice has none.
 */
export async function revenueParts(
  db: Kysely<DB>,
  tenantId: string,
  kind: RevenueKind,
  range: { fromMs: number; toMs: number },
  segment: RevenueSegment,
): Promise<RevenuePart[]> {
  const source = SOURCES[kind];
  const at = sql.ref(`m.${source.at}`);
  const day = sql<number>`(${at} / ${sql.lit(DAY_MS)})`;
  const linePrice = sql`(SELECT l.price_id FROM invoice_lines l
    WHERE l.tenant_id = i.tenant_id AND l.invoice_id = i.id AND l.price_id IS NOT NULL
    ORDER BY l.position LIMIT 1)`;
  // Typed as payments: the three tables share every column read here by name (the moment
  // and the status are read through sql.ref).
  const table = `${source.table} as m` as 'payments as m';
  let query = db
    .selectFrom(table)
    .innerJoin('invoices as i', (j) =>
      j.onRef('i.tenant_id', '=', 'm.tenant_id').onRef('i.id', '=', 'm.invoice_id'),
    )
    .innerJoin('customers as c', (j) =>
      j.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.customer_id'),
    )
    .leftJoin('subscriptions as s', (j) =>
      j.onRef('s.tenant_id', '=', 'i.tenant_id').onRef('s.id', '=', 'i.subscription_id'),
    )
    .leftJoin('prices as p', (j) =>
      j.onRef('p.tenant_id', '=', 'i.tenant_id').on(sql<SqlBool>`p.id = coalesce(${linePrice}, s.price_id)`),
    )
    .where('m.tenant_id', '=', tenantId)
    .where(sql.ref('m.status'), 'in', source.counts)
    .where(at, '>=', range.fromMs)
    .where(at, '<', range.toMs);
  for (const condition of segmentConditions(segment)) query = query.where(condition);
  const rows = await query
    .select([
      day.as('day'),
      'm.currency as currency',
      'p.plan_id as plan_id',
      'c.country as country',
      sql<number>`sum(m.amount)`.as('amount'),
      sql<number>`count(*)`.as('n'),
    ])
    .groupBy([day, 'm.currency', 'p.plan_id', 'c.country'])
    .execute();
  return rows.map((r) => ({
    kind,
    day: dayOf(Number(r.day)),
    currency: r.currency,
    amount: Number(r.amount),
    count: Number(r.n),
    planId: r.plan_id,
    country: r.country,
  }));
}

/** The segment's filters as conditions on the aliases of revenueParts. */
function segmentConditions(segment: RevenueSegment): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (segment.plan) conditions.push(sql<SqlBool>`p.plan_id = ${segment.plan}`);
  if (segment.interval) conditions.push(sql<SqlBool>`p.interval = ${segment.interval}`);
  if (segment.currency) conditions.push(sql<SqlBool>`m.currency = ${segment.currency}`);
  if (segment.country) conditions.push(sql<SqlBool>`c.country = ${segment.country}`);
  if (segment.source) conditions.push(sql<SqlBool>`i.managed_by = ${segment.source}`);
  return conditions;
}

/**
 * Every rate into `reporting` known on or before `lastDay` (base: the other currency, quote:
 * the reporting one), the very rates the MRR movements convert at (analytics/rates.ts).
 */
export async function ratesInto(
  db: Kysely<DB>,
  tenantId: string,
  reporting: string,
  lastDay: string,
): Promise<ReportingRate[]> {
  const rows = await db
    .selectFrom('fx_rates')
    .select(['base_currency', 'day', 'rate'])
    .where('tenant_id', '=', tenantId)
    .where('quote_currency', '=', reporting)
    .where('day', '<=', lastDay)
    .execute();
  return rows.flatMap((r): ReportingRate[] => {
    const exact = parseRate(r.rate);
    return exact ? [{ currency: r.base_currency, day: r.day, rate: exact }] : [];
  });
}

/** Whether the workspace has a plan with this id (an unknown one in a segment is an error, not an empty report). */
export async function planExists(db: Kysely<DB>, tenantId: string, planId: string): Promise<boolean> {
  const row = await db
    .selectFrom('plans')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', planId)
    .executeTakeFirst();
  return row !== undefined;
}
