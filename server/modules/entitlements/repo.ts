import type { Kysely } from 'kysely';
import { OPEN_RECOVERY_STATUSES } from '../../../shared/billing/recovery-schema';
import type { DB } from '../../db/schema';
import {
  capOf,
  grantsAccess,
  type Cap,
  type CustomerSubscription,
  type PlanCaps,
  type TenantCatalog,
} from './rules';

/**
 * Entitlements read the catalog's and subscriptions' tables directly: they are a read model
 * over both, and each answer must cost a handful of indexed queries.
 */

/** Subscriptions that grant nothing are listed in an explanation only this far back. */
const NON_GRANTING_SHOWN = 3;

/** The tenant's features and every plan's caps (archived plans too: their subscribers keep them). */
export async function loadTenantCatalog(db: Kysely<DB>, tenantId: string): Promise<TenantCatalog> {
  const [features, plans, values] = await Promise.all([
    db
      .selectFrom('features')
      .select(['key', 'name', 'kind'])
      .where('tenant_id', '=', tenantId)
      .orderBy('key')
      .execute(),
    db.selectFrom('plans').select(['id', 'name', 'is_default']).where('tenant_id', '=', tenantId).execute(),
    db
      .selectFrom('plan_features')
      .innerJoin('features', (join) =>
        join
          .onRef('features.tenant_id', '=', 'plan_features.tenant_id')
          .onRef('features.key', '=', 'plan_features.feature_key'),
      )
      .select(['plan_features.plan_id', 'plan_features.feature_key', 'plan_features.value', 'features.kind'])
      .where('plan_features.tenant_id', '=', tenantId)
      .execute(),
  ]);
  const capsByPlan = new Map<string, Map<string, Cap>>(plans.map((plan) => [plan.id, new Map()]));
  for (const row of values) capsByPlan.get(row.plan_id)?.set(row.feature_key, capOf(row.kind, row.value));
  const planCaps = new Map<string, PlanCaps>(
    plans.map((plan) => [
      plan.id,
      { id: plan.id, name: plan.name, caps: capsByPlan.get(plan.id) ?? new Map() },
    ]),
  );
  return {
    features,
    featuresByKey: new Map(features.map((feature) => [feature.key, feature])),
    plans: planCaps,
    defaultPlanId: plans.find((plan) => plan.is_default === 1)?.id ?? null,
  };
}

/**
 * When each past-due subscription's access ends: the soonest grace end among its open
 * recoveries, else (its recoveries closed by staff) that of its latest one.
 */
async function graceEnds(db: Kysely<DB>, tenantId: string, customerId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('invoice_recoveries')
    .select(['subscription_id', 'status', 'grace_ends_at', 'started_at'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('subscription_id', 'is not', null)
    .orderBy('started_at')
    .execute();
  const ends = new Map<string, { at: number; open: boolean }>();
  for (const row of rows) {
    if (!row.subscription_id) continue;
    const open = OPEN_RECOVERY_STATUSES.includes(row.status);
    const seen = ends.get(row.subscription_id);
    if (!seen || (open && (!seen.open || row.grace_ends_at < seen.at)) || (!open && !seen.open))
      ends.set(row.subscription_id, { at: row.grace_ends_at, open });
  }
  return new Map([...ends].map(([id, end]) => [id, end.at]));
}

/** A customer's subscriptions as entitlements see them, and the customer's test clock time, if on one. */
export interface CustomerAccess {
  subscriptions: CustomerSubscription[];
  clockNow: number | null;
}

/**
 * The customer's subscriptions that bear on access, oldest first: every one that grants,
 * and the latest few that do not. Undefined when the tenant has no such customer.
 */
export async function loadCustomerSubscriptions(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<CustomerAccess | undefined> {
  const customer = await db
    .selectFrom('customers')
    .leftJoin('test_clocks', 'test_clocks.id', 'customers.test_clock_id')
    .select(['customers.id', 'test_clocks.now as clock_now'])
    .where('customers.tenant_id', '=', tenantId)
    .where('customers.id', '=', customerId)
    .executeTakeFirst();
  if (!customer) return undefined;
  const rows = await db
    .selectFrom('subscriptions')
    .select(['id', 'status', 'cancel_at_period_end', 'plan_id', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  let nonGranting = 0;
  const kept = rows.filter((row) => grantsAccess(row.status) || nonGranting++ < NON_GRANTING_SHOWN);
  const ends = kept.some((row) => row.status === 'past_due')
    ? await graceEnds(db, tenantId, customerId)
    : new Map<string, number>();
  const subscriptions = kept.reverse().map((row) => ({
    id: row.id,
    status: row.status,
    cancelAtPeriodEnd: row.cancel_at_period_end === 1,
    planId: row.plan_id,
    graceEndsAt: row.status === 'past_due' ? (ends.get(row.id) ?? null) : null,
  }));
  return { subscriptions, clockNow: customer.clock_now ?? null };
}
