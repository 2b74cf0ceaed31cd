import type Database from 'better-sqlite3';

/**
 * What the Stripe Billing mirror left in a database, read the same way from the crashed server's
 * file and from the in-order run's: rows named by their Stripe ids, since local ids and
 * write times legitimately differ between two databases.
 */

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

export function mirroredSubscriptions(db: Database.Database, tenantId: string): MirroredSubscription[] {
  return db
    .prepare(
      /* sql */ `
      SELECT s.gateway_ref, c.gateway_customer_ref AS customer_ref, p.gateway_ref AS price_ref,
        pl.gateway_ref AS product_ref, s.status, s.quantity, s.currency, s.billing_anchor,
        s.current_period_start, s.current_period_end, s.trial_start, s.trial_end,
        s.cancel_at_period_end, s.canceled_at, s.ended_at, s.paused_at IS NOT NULL AS paused,
        s.resume_at, s.managed_by, s.created_at
      FROM subscriptions s
      JOIN customers c ON c.id = s.customer_id
      JOIN prices p ON p.id = s.price_id
      JOIN plans pl ON pl.id = s.plan_id
      WHERE s.tenant_id = ?
      ORDER BY s.gateway_ref`,
    )
    .all(tenantId) as MirroredSubscription[];
}

/** The mirrored catalog and customers, by Stripe id: each must exist once. */
export function mirroredRefs(db: Database.Database, tenantId: string) {
  const refs = (sql: string) => db.prepare(sql).pluck().all(tenantId) as string[];
  return {
    customers: refs(
      'SELECT gateway_customer_ref FROM customers WHERE tenant_id = ? AND gateway_customer_ref IS NOT NULL ORDER BY 1',
    ),
    prices: refs('SELECT gateway_ref FROM prices WHERE tenant_id = ? AND gateway_ref IS NOT NULL ORDER BY 1'),
    plans: refs('SELECT gateway_ref FROM plans WHERE tenant_id = ? AND gateway_ref IS NOT NULL ORDER BY 1'),
    products: refs(
      'SELECT gateway_ref FROM products WHERE tenant_id = ? AND gateway_ref IS NOT NULL ORDER BY 1',
    ),
  };
}

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
export function subscriptionLedgers(
  db: Database.Database,
  tenantId: string,
): Map<string, SubscriptionLedger> {
  const rows = db
    .prepare('SELECT * FROM subscriptions WHERE tenant_id = ? AND gateway_ref IS NOT NULL')
    .all(tenantId) as (Record<string, unknown> & { id: string; gateway_ref: string })[];
  const audit = db.prepare(/* sql */ `SELECT "after" FROM audit_log
      WHERE tenant_id = ? AND entity_id = ? AND action = 'subscription.mirrored_from_stripe' ORDER BY seq`);
  const changeLog = db.prepare(
    "SELECT data FROM change_log WHERE tenant_id = ? AND entity_type = 'subscription' AND entity_id = ? ORDER BY seq",
  );
  const billingEvents = db
    .prepare(
      'SELECT type FROM billing_events WHERE tenant_id = ? AND subject_id = ? ORDER BY occurred_at, id',
    )
    .pluck();
  const ledgers = new Map<string, SubscriptionLedger>();
  for (const row of rows) {
    const afters = (audit.pluck().all(tenantId, row.id) as string[]).map(
      (after) => JSON.parse(after) as Application,
    );
    ledgers.set(row.gateway_ref, {
      row,
      applications: afters.map(({ quantity, version, status }) => ({ quantity, version, status })),
      changeLog: (changeLog.pluck().all(tenantId, row.id) as string[]).map(
        (data) => JSON.parse(data) as Record<string, unknown>,
      ),
      billingEvents: billingEvents.all(tenantId, row.id) as string[],
    });
  }
  return ledgers;
}

export interface InboxEvent {
  event_id: string;
  object_id: string;
  status: string;
  last_error: string | null;
}

export function inboxOf(db: Database.Database, tenantId: string): InboxEvent[] {
  return db
    .prepare('SELECT event_id, object_id, status, last_error FROM stripe_events WHERE tenant_id = ?')
    .all(tenantId) as InboxEvent[];
}

/** The objects whose newest applied state was fetched from Stripe (to settle a same-second tie). */
export function fetchedObjects(db: Database.Database, tenantId: string): string[] {
  return db
    .prepare(
      "SELECT object_id FROM stripe_object_versions WHERE tenant_id = ? AND event_id LIKE 'fetched@%' ORDER BY 1",
    )
    .pluck()
    .all(tenantId) as string[];
}
