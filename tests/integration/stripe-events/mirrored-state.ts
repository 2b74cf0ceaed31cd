import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../server/db/schema';

/**
 * What the Stripe Billing mirror left in a database, read the same way from the crashed
 * servers' database (SQLite or PostgreSQL) and from the in-order run's: rows named by their
 * Stripe ids, since local ids and write times legitimately differ between two databases.
 */

type Db = Kysely<DB>;
const rows = async <T>(db: Db, query: RawBuilder<T>): Promise<T[]> => (await query.execute(db)).rows;
const column = async (db: Db, query: RawBuilder<{ value: string }>): Promise<string[]> =>
  (await rows(db, query)).map((row) => row.value);

/** A mirrored subscription as Stripe's ids and values name it. */
export interface MirroredSubscription {
  gateway_ref: string;
  customer_ref: string;
  price_ref: string;
  product_ref: string;
  status: string;
  quantity: number;
  currency: string;
  billing_anchor: number;
  current_period_start: number;
  current_period_end: number;
  trial_start: number | null;
  trial_end: number | null;
  cancel_at_period_end: number;
  canceled_at: number | null;
  ended_at: number | null;
  /** When collection was paused is our clock's (the first snapshot showing it), so only whether. */
  paused: number;
  resume_at: number | null;
  managed_by: string;
  created_at: number;
}

export function mirroredSubscriptions(db: Db, tenantId: string): Promise<MirroredSubscription[]> {
  // `paused` as 0/1 on both databases (PostgreSQL's IS NOT NULL is a boolean).
  return rows(
    db,
    sql<MirroredSubscription>`
      SELECT s.gateway_ref, c.gateway_customer_ref AS customer_ref, p.gateway_ref AS price_ref,
        pl.gateway_ref AS product_ref, s.status, s.quantity, s.currency, s.billing_anchor,
        s.current_period_start, s.current_period_end, s.trial_start, s.trial_end,
        s.cancel_at_period_end, s.canceled_at, s.ended_at,
        CASE WHEN s.paused_at IS NOT NULL THEN 1 ELSE 0 END AS paused,
        s.resume_at, s.managed_by, s.created_at
      FROM subscriptions s
      JOIN customers c ON c.id = s.customer_id
      JOIN prices p ON p.id = s.price_id
      JOIN plans pl ON pl.id = s.plan_id
      WHERE s.tenant_id = ${tenantId}
      ORDER BY s.gateway_ref`,
  );
}

/** The mirrored catalog and customers, by Stripe id: each must exist once. */
export async function mirroredRefs(db: Db, tenantId: string) {
  const refs = (table: 'prices' | 'plans' | 'products', ref = 'gateway_ref') =>
    column(
      db,
      sql<{ value: string }>`SELECT ${sql.ref(ref)} AS value FROM ${sql.table(table)}
        WHERE tenant_id = ${tenantId} AND ${sql.ref(ref)} IS NOT NULL ORDER BY 1`,
    );
  return {
    customers: await column(
      db,
      sql<{ value: string }>`SELECT gateway_customer_ref AS value FROM customers
        WHERE tenant_id = ${tenantId} AND gateway_customer_ref IS NOT NULL ORDER BY 1`,
    ),
    prices: await refs('prices'),
    plans: await refs('plans'),
    products: await refs('products'),
  };
}

export type MirroredRefs = Awaited<ReturnType<typeof mirroredRefs>>;

/** One write of a Stripe snapshot to a subscription, as its audit entry recorded it. */
export interface Application {
  quantity: number;
  version: number;
  status: string;
}

export interface SubscriptionLedger {
  /** The subscription's row as it stands. */
  row: Record<string, unknown>;
  /** Every write the mirror made to it, in the audit chain's order. */
  applications: Application[];
  /** The change log's rows for it (what sync sends on), oldest first. */
  changeLog: Record<string, unknown>[];
  /** Its history in billing events (created, updated, canceled…), oldest first. */
  billingEvents: string[];
}

/** Per Stripe subscription id, its row and every trace its writes left. */
export async function subscriptionLedgers(
  db: Db,
  tenantId: string,
): Promise<Map<string, SubscriptionLedger>> {
  type Row = Record<string, unknown> & { id: string; gateway_ref: string };
  const subscriptions = await rows(
    db,
    sql<Row>`SELECT * FROM subscriptions WHERE tenant_id = ${tenantId} AND gateway_ref IS NOT NULL`,
  );
  // Three reads for all subscriptions, grouped here: one round trip each, not three per row.
  const audit = await rows(
    db,
    sql<{ entity_id: string; after: string }>`SELECT entity_id, "after" FROM audit_log
      WHERE tenant_id = ${tenantId} AND action = 'subscription.mirrored_from_stripe' ORDER BY seq`,
  );
  const changes = await rows(
    db,
    sql<{ entity_id: string; data: string }>`SELECT entity_id, data FROM change_log
      WHERE tenant_id = ${tenantId} AND entity_type = 'subscription' ORDER BY seq`,
  );
  const events = await rows(
    db,
    sql<{ subject_id: string; type: string }>`SELECT subject_id, type FROM billing_events
      WHERE tenant_id = ${tenantId} ORDER BY occurred_at, id`,
  );
  const ledgers = new Map<string, SubscriptionLedger>();
  const byId = new Map<string, SubscriptionLedger>();
  for (const row of subscriptions) {
    const ledger: SubscriptionLedger = { row, applications: [], changeLog: [], billingEvents: [] };
    ledgers.set(row.gateway_ref, ledger);
    byId.set(row.id, ledger);
  }
  for (const { entity_id, after } of audit) {
    const { quantity, version, status } = JSON.parse(after) as Application;
    byId.get(entity_id)?.applications.push({ quantity, version, status });
  }
  for (const { entity_id, data } of changes) {
    byId.get(entity_id)?.changeLog.push(JSON.parse(data) as Record<string, unknown>);
  }
  for (const { subject_id, type } of events) byId.get(subject_id)?.billingEvents.push(type);
  return ledgers;
}

export interface InboxEvent {
  event_id: string;
  object_id: string;
  status: string;
  last_error: string | null;
}

export function inboxOf(db: Db, tenantId: string): Promise<InboxEvent[]> {
  return rows(
    db,
    sql<InboxEvent>`SELECT event_id, object_id, status, last_error FROM stripe_events WHERE tenant_id = ${tenantId}`,
  );
}

/** The objects whose newest applied state was fetched from Stripe (to settle a same-second tie). */
export function fetchedObjects(db: Db, tenantId: string): Promise<string[]> {
  return column(
    db,
    sql<{ value: string }>`SELECT object_id AS value FROM stripe_object_versions
      WHERE tenant_id = ${tenantId} AND event_id LIKE 'fetched@%' ORDER BY 1`,
  );
}
