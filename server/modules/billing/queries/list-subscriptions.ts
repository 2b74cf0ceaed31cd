import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { subscriptionListInput } from '../../../../shared/billing/schema';
import type { DB } from '../../../db/schema';
import { customerSearchFilter, listSource } from './keyset';
import { after, pageOf } from './page';
import { cappedTotal, countedTotal } from '../../../db/list-totals';

type Input = z.output<typeof subscriptionListInput>;

/** `options` override the customer search's choice of form (customers/matched-customers.ts), for tests. */
export async function listSubscriptions(
  db: Kysely<DB>,
  tenantId: string,
  input: Input,
  options: { fewMatchesCap?: number; carriedIdsCap?: number } = {},
) {
  const match = await customerSearchFilter(db, tenantId, input.search, {
    list: 'subscriptions',
    column: 'subscriptions.customer_id',
    page: input.limit,
    cap: options.fewMatchesCap,
    carriedIdsCap: options.carriedIdsCap,
  });
  const filtered = (use: 'page' | 'total' = 'page') => {
    let q = listSource(db, 'subscriptions', match, use).where('subscriptions.tenant_id', '=', tenantId);
    if (input.status) q = q.where('subscriptions.status', '=', input.status);
    if (input.planId) q = q.where('subscriptions.plan_id', '=', input.planId);
    if (input.customerId) q = q.where('subscriptions.customer_id', '=', input.customerId);
    if (input.managedBy) q = q.where('subscriptions.managed_by', '=', input.managedBy);
    return match ? q.where(match[use]) : q;
  };
  const cursor = after(input.cursor);
  // Page by keys first (sorted from an index, keys only), then read the full rows of just
  // this page: a customer search sorting 3,600 joined rows took 28 ms, keys first 10.
  let keys = filtered().select(['subscriptions.id', 'subscriptions.created_at']);
  if (cursor) {
    keys = keys.where((eb) =>
      eb(eb.refTuple('subscriptions.created_at', 'subscriptions.id'), '<', eb.tuple(cursor.value, cursor.id)),
    );
  }
  const rows = await db
    .with('page', () =>
      keys
        .orderBy('subscriptions.created_at', 'desc')
        .orderBy('subscriptions.id', 'desc')
        .limit(input.limit + 1),
    )
    .selectFrom('page')
    .innerJoin('subscriptions', 'subscriptions.id', 'page.id')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('prices', 'prices.id', 'subscriptions.price_id')
    .select([
      'subscriptions.id',
      'subscriptions.status',
      'subscriptions.quantity',
      'subscriptions.currency',
      'subscriptions.cancel_at_period_end',
      'subscriptions.current_period_end',
      'subscriptions.trial_end',
      'subscriptions.created_at',
      'subscriptions.customer_id',
      'subscriptions.managed_by',
      'customers.name as customer_name',
      'customers.email as customer_email',
      'plans.name as plan_name',
      'prices.amount as unit_amount',
      'prices.interval',
    ])
    .orderBy('page.created_at', 'desc')
    .orderBy('page.id', 'desc')
    .execute();
  const total = cursor
    ? null
    : match || input.customerId || input.managedBy
      ? await cappedTotal(filtered('total'), db)
      : await countedTotal(db, tenantId, 'subscriptions', `${input.planId ?? '%'}:${input.status ?? '%'}`);
  return pageOf(
    rows,
    input.limit,
    (r) => ({
      id: r.id,
      status: r.status,
      customerId: r.customer_id,
      customerName: r.customer_name,
      customerEmail: r.customer_email,
      planName: r.plan_name,
      interval: r.interval,
      quantity: r.quantity,
      amount: r.unit_amount * r.quantity,
      currency: r.currency,
      cancelAtPeriodEnd: r.cancel_at_period_end === 1,
      currentPeriodEnd: r.current_period_end,
      trialEnd: r.trial_end,
      createdAt: r.created_at,
      managedBy: r.managed_by,
    }),
    total,
  );
}
