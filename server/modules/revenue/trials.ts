import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema';
import type { RevenueSegment } from '../../../shared/analytics/revenue-schema';
import type { TrialOutcome } from '../../../shared/analytics/revenue-trials';

/**
 * Trials that ended in a range, each with its outcome (docs/analytics.md, "Revenue reports", "Trial
 * conversion"): converted when an invoice for time after the trial was paid, pending while
 * such an invoice is still open (recovery is collecting it), not converted otherwise
 * (canceled in the trial, incomplete, or the first charge never paid).
 */

export interface EndedTrial {
  subscriptionId: string;
  customerId: string;
  endedAt: number;
  outcome: TrialOutcome;
}

export async function endedTrials(
  db: Kysely<DB>,
  tenantId: string,
  range: { fromMs: number; toMs: number },
  segment: RevenueSegment,
): Promise<EndedTrial[]> {
  // A trial canceled before its end ended when it was canceled.
  const endedAt = sql<number>`CASE WHEN s.ended_at IS NOT NULL AND s.ended_at < s.trial_end THEN s.ended_at ELSE s.trial_end END`;
  const afterTrial = (status: string, extra = sql``) => sql<SqlBool>`EXISTS (SELECT 1 FROM invoices i
    WHERE i.tenant_id = s.tenant_id AND i.subscription_id = s.id AND i.status = ${status}
      AND i.period_end > s.trial_end ${extra})`;
  let query = db
    .selectFrom('subscriptions as s')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.customer_id'),
    )
    .innerJoin('prices as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.price_id'),
    )
    .where('s.tenant_id', '=', tenantId)
    .where('s.trial_end', 'is not', null)
    .where(endedAt, '>=', range.fromMs)
    .where(endedAt, '<', range.toMs)
    // Ended by what billing did, not by the wall clock: a test clock's customer lives ahead of it.
    .where('s.status', '<>', 'trialing');
  if (segment.plan) query = query.where('s.plan_id', '=', segment.plan);
  if (segment.interval) query = query.where('p.interval', '=', segment.interval);
  if (segment.currency) query = query.where('s.currency', '=', segment.currency);
  if (segment.country) query = query.where('c.country', '=', segment.country);
  if (segment.source) query = query.where('s.managed_by', '=', segment.source);
  const rows = await query
    .select([
      's.id as id',
      's.customer_id as customer_id',
      endedAt.as('ended_at'),
      afterTrial('paid', sql`AND i.amount_paid > 0`).as('paid'),
      afterTrial('open').as('open'),
    ])
    .orderBy(endedAt)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    subscriptionId: r.id,
    customerId: r.customer_id,
    endedAt: Number(r.ended_at),
    outcome: truthy(r.paid) ? 'converted' : truthy(r.open) ? 'pending' : 'not_converted',
  }));
}

/** SQLite answers EXISTS with 1/0, PostgreSQL with true/false. */
const truthy = (value: unknown) => value === true || Number(value) === 1;
