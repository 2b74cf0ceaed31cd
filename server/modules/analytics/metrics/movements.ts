import type { Kysely } from 'kysely';
import type { MovementsView } from '../../../../shared/analytics/overview-schema';
import type { Page } from '../../../../shared/page';
import type { DB } from '../../../db/schema';
import { cappedTotal } from '../../../db/list-totals';
import { decodeCursor } from '../../../lib/keyset-cursor';
import { keysetPage } from '../../../lib/keyset-page';
import { inSegment } from './repo';
import { checkSegment } from './segments';

/** One MRR movement as the drill-down list (and its export) shows it. */
export interface MovementItem {
  id: string;
  kind: DB['mrr_movements']['kind'];
  effectiveAt: number;
  month: string;
  customerId: string;
  customerName: string;
  subscriptionId: string;
  planId: string;
  planName: string | null;
  interval: string;
  source: DB['mrr_movements']['source'];
  country: string;
  currency: string;
  /** The leg's signed change, minor units of `currency` per month. */
  amount: number;
  /** The same in the reporting currency at the rate of its day; null while that day has no rate. */
  amountReporting: number | null;
  subscriptionMrrBefore: number;
  subscriptionMrrAfter: number;
  customerMrrBefore: number;
  customerMrrAfter: number;
  /** What caused it: an invoice, a subscription command, a Stripe event… with its id when there is one. */
  causeType: string;
  causeId: string | null;
}

/**
 * The movements behind a figure — a range of months, a segment, optionally one kind or cohort — in the
 * order they happened (effective_at, then id), a page at a time. The exports read whole views
 * through it, page after page.
 */
export async function listMovements(
  db: Kysely<DB>,
  tenantId: string,
  view: MovementsView,
  cursor: string | null | undefined,
  limit: number,
): Promise<Page<MovementItem>> {
  await checkSegment(db, tenantId, view.segment);
  const filtered = () => {
    let q = db.selectFrom('mrr_movements').where('mrr_movements.tenant_id', '=', tenantId);
    // One month is an equality, not a range: then mrr_movements_month (tenant, month, kind,
    // effective_at, id) gives a kind's rows in page order and the page stops at its limit; a
    // range would read and sort every movement of the months.
    q =
      view.from === view.to
        ? q.where('mrr_movements.month', '=', view.from)
        : q.where('mrr_movements.month', '>=', view.from).where('mrr_movements.month', '<=', view.to);
    q = q.where(inSegment('mrr_movements', view.segment));
    if (view.kind) q = q.where('mrr_movements.kind', '=', view.kind);
    if (view.cohort) q = q.where('mrr_movements.cohort', '=', view.cohort);
    return q;
  };
  let keys = filtered();
  if (cursor) {
    const after = decodeCursor(cursor);
    const at = Number(after.value);
    keys = keys.where((eb) =>
      eb.or([
        eb('mrr_movements.effective_at', '>', at),
        eb.and([eb('mrr_movements.effective_at', '=', at), eb('mrr_movements.id', '>', after.id)]),
      ]),
    );
  }
  // The page is chosen from mrr_movements alone, then joined: a derived table with a LIMIT is
  // never flattened into the join, so neither database can start from customers and look up
  // each one's movements (SQLite did, once an index carried the segment columns: 300 ms).
  const page = keys
    .select([
      'mrr_movements.id',
      'mrr_movements.kind',
      'mrr_movements.effective_at',
      'mrr_movements.month',
      'mrr_movements.customer_id',
      'mrr_movements.subscription_id',
      'mrr_movements.plan_id',
      'mrr_movements.interval',
      'mrr_movements.source',
      'mrr_movements.country',
      'mrr_movements.currency',
      'mrr_movements.amount',
      'mrr_movements.amount_reporting',
      'mrr_movements.subscription_mrr_before',
      'mrr_movements.subscription_mrr_after',
      'mrr_movements.customer_mrr_before',
      'mrr_movements.customer_mrr_after',
      'mrr_movements.cause_type',
      'mrr_movements.cause_id',
    ])
    .orderBy('mrr_movements.effective_at')
    .orderBy('mrr_movements.id')
    .limit(limit + 1)
    .as('m');
  const rows = await db
    .selectFrom(page)
    .innerJoin('customers', (join) =>
      join.onRef('customers.id', '=', 'm.customer_id').on('customers.tenant_id', '=', tenantId),
    )
    .leftJoin('plans', (join) =>
      join.onRef('plans.id', '=', 'm.plan_id').on('plans.tenant_id', '=', tenantId),
    )
    .selectAll('m')
    .select(['customers.name as customer_name', 'plans.name as plan_name'])
    .orderBy('m.effective_at')
    .orderBy('m.id')
    .execute();
  return keysetPage(rows, limit, {
    item: (r): MovementItem => ({
      id: r.id,
      kind: r.kind,
      effectiveAt: Number(r.effective_at),
      month: r.month,
      customerId: r.customer_id,
      customerName: r.customer_name,
      subscriptionId: r.subscription_id,
      planId: r.plan_id,
      planName: r.plan_name,
      interval: r.interval,
      source: r.source,
      country: r.country,
      currency: r.currency,
      amount: Number(r.amount),
      amountReporting: r.amount_reporting === null ? null : Number(r.amount_reporting),
      subscriptionMrrBefore: Number(r.subscription_mrr_before),
      subscriptionMrrAfter: Number(r.subscription_mrr_after),
      customerMrrBefore: Number(r.customer_mrr_before),
      customerMrrAfter: Number(r.customer_mrr_after),
      causeType: r.cause_type,
      causeId: r.cause_id,
    }),
    cursorOf: (r) => ({ value: Number(r.effective_at), id: r.id }),
    total: cursor ? null : await cappedTotal(filtered(), db),
  });
}
