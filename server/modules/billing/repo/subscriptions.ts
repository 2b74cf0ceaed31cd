import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { licensing, type SubscriptionTerms } from '../licensing-port';
import { recordSubscriptionValue, type SubscriptionWrite } from '../mrr-port';
import type { Subscription } from '../types';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Selectable<DB['subscriptions']>;

export function toSubscription(row: Row): Subscription {
  return {
    id: row.id,
    customerId: row.customer_id,
    planId: row.plan_id,
    priceId: row.price_id,
    quantity: row.quantity,
    currency: row.currency,
    status: row.status,
    billingAnchor: row.billing_anchor,
    currentPeriodStart: row.current_period_start,
    currentPeriodEnd: row.current_period_end,
    trialStart: row.trial_start,
    trialEnd: row.trial_end,
    trialEndBehavior: row.trial_end_behavior,
    cancelAtPeriodEnd: row.cancel_at_period_end === 1,
    canceledAt: row.canceled_at,
    endedAt: row.ended_at,
    pausedAt: row.paused_at,
    resumeAt: row.resume_at,
    pendingPriceId: row.pending_price_id,
    pendingQuantity: row.pending_quantity,
    paymentMethodId: row.payment_method_id,
    managedBy: row.managed_by,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(tenantId: string, s: Subscription) {
  return {
    id: s.id,
    tenant_id: tenantId,
    customer_id: s.customerId,
    plan_id: s.planId,
    price_id: s.priceId,
    quantity: s.quantity,
    currency: s.currency,
    status: s.status,
    billing_anchor: s.billingAnchor,
    current_period_start: s.currentPeriodStart,
    current_period_end: s.currentPeriodEnd,
    trial_start: s.trialStart,
    trial_end: s.trialEnd,
    trial_end_behavior: s.trialEndBehavior,
    cancel_at_period_end: s.cancelAtPeriodEnd ? 1 : 0,
    canceled_at: s.canceledAt,
    ended_at: s.endedAt,
    paused_at: s.pausedAt,
    resume_at: s.resumeAt,
    pending_price_id: s.pendingPriceId,
    pending_quantity: s.pendingQuantity,
    payment_method_id: s.paymentMethodId,
    managed_by: s.managedBy,
    gateway_ref: null,
    version: s.version,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

/** What the MRR movements need of a written subscription (server/modules/analytics). */
const valueWrite = (s: Subscription): SubscriptionWrite => ({
  id: s.id,
  customerId: s.customerId,
  planId: s.planId,
  priceId: s.priceId,
  quantity: s.quantity,
  currency: s.currency,
  status: s.status,
  endedAt: s.endedAt,
  updatedAt: s.updatedAt,
  managedBy: s.managedBy,
});

/** What a subscription's licenses follow (server/modules/licensing/lifecycle). */
const licenseTerms = (s: Subscription): SubscriptionTerms => ({
  id: s.id,
  customerId: s.customerId,
  planId: s.planId,
  status: s.status,
  currentPeriodStart: s.currentPeriodStart,
  currentPeriodEnd: s.currentPeriodEnd,
  cancelAtPeriodEnd: s.cancelAtPeriodEnd,
  endedAt: s.endedAt,
  updatedAt: s.updatedAt,
  managedBy: s.managedBy,
});

/** Inserts a subscription and, in the same transaction, its first MRR value state. */
export async function insertSubscription(db: Db, tenantId: string, s: Subscription): Promise<void> {
  await db.insertInto('subscriptions').values(toRow(tenantId, s)).execute();
  await recordSubscriptionValue(db, tenantId, valueWrite(s));
}

export async function findSubscription(
  db: Db,
  tenantId: string,
  id: string,
): Promise<Subscription | undefined> {
  const row = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSubscription(row);
}

/**
 * Writes `next` only if the row is still at `expectedVersion`; returns whether it was. A write
 * that changes the subscription's value records its MRR movements in the same transaction, and
 * its licenses follow it there (a new subscription has none yet: a license names an existing one).
 */
export async function saveSubscription(
  db: Db,
  tenantId: string,
  next: Subscription,
  expectedVersion: number,
): Promise<boolean> {
  const { id: _id, tenant_id: _tenant, created_at: _created, ...changes } = toRow(tenantId, next);
  const result = await db
    .updateTable('subscriptions')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', next.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  await recordSubscriptionValue(db, tenantId, valueWrite(next));
  await licensing().afterSubscriptionWrite(db, tenantId, licenseTerms(next));
  return true;
}

export async function subscriptionsOfCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toSubscription);
}
