import { sql, type Kysely, type Transaction } from 'kysely';
import { dialectOf, type Dialect } from '../../db/dialect';
import { jsonArrayHas, jsonObject, timeSortableId } from '../../db/portable-sql';
import type { DB } from '../../db/schema';

/**
 * entitlements.updated for changes no subscription row shows: a plan's feature values edited,
 * or the workspace's default plan changing. (Changes to a subscription are captured by the
 * triggers of migration 0015.) Written in the caller's transaction, so the events exist
 * exactly when the change does; one event per affected customer, numbered per customer as
 * the triggers number theirs, and fanned out to the enabled endpoints that want the type.
 */

/** Statuses that grant a plan's features (server/modules/entitlements/rules.ts; as migration 0015). */
const GRANTING = sql.raw(`('trialing', 'active', 'past_due')`);

const TYPE = 'entitlements.updated';

/** Which customers' entitlements the change touches, and what each event says about it. */
type Affected =
  /** Customers with a granting subscription on the plan: its features changed. */
  | { kind: 'plan_features'; planId: string }
  /** Customers with no granting subscription: they get the default plan, which changed. */
  | { kind: 'default_plan'; planId: string; previousPlanId: string | null }
  /** The customer of a subscription still past due whose grace period just ran out. */
  | { kind: 'grace_ended'; subscriptionId: string };

async function anyEndpointWants(trx: Transaction<DB>, tenantId: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM webhook_endpoints
    WHERE tenant_id = ${tenantId} AND status = 'enabled'
      AND ${jsonArrayHas(dialectOf(trx), sql`event_types`, TYPE)}
    LIMIT 1`.execute(trx);
  return rows.length > 0;
}

/** One row per affected customer: customer_id, subscription_id, status, plan_id, previous_plan_id. */
function affectedCustomers(dialect: Dialect, tenantId: string, affected: Affected) {
  if (affected.kind === 'plan_features') {
    // Per customer, the subscription with the smallest id, with its own status: SQLite takes the
    // other columns from min()'s row; PostgreSQL says so with DISTINCT ON.
    return dialect === 'postgres'
      ? sql`
      SELECT DISTINCT ON (s.customer_id) s.customer_id, s.id AS subscription_id, s.status, s.plan_id,
        s.plan_id AS previous_plan_id
      FROM subscriptions AS s
      WHERE s.tenant_id = ${tenantId} AND s.plan_id = ${affected.planId} AND s.status IN ${GRANTING}
      ORDER BY s.customer_id, s.id`
      : sql`
      SELECT s.customer_id, min(s.id) AS subscription_id, s.status, s.plan_id, s.plan_id AS previous_plan_id
      FROM subscriptions AS s
      WHERE s.tenant_id = ${tenantId} AND s.plan_id = ${affected.planId} AND s.status IN ${GRANTING}
      GROUP BY s.customer_id`;
  }
  if (affected.kind === 'grace_ended') {
    return sql`
      SELECT s.customer_id, s.id AS subscription_id, s.status, s.plan_id, s.plan_id AS previous_plan_id
      FROM subscriptions AS s
      WHERE s.tenant_id = ${tenantId} AND s.id = ${affected.subscriptionId} AND s.status = 'past_due'`;
  }
  return sql`
    SELECT c.id AS customer_id, CAST(NULL AS TEXT) AS subscription_id, CAST(NULL AS TEXT) AS status,
      CAST(${affected.planId} AS TEXT) AS plan_id, CAST(${affected.previousPlanId} AS TEXT) AS previous_plan_id
    FROM customers AS c
    WHERE c.tenant_id = ${tenantId}
      AND NOT EXISTS (SELECT 1 FROM subscriptions AS s
        WHERE s.tenant_id = c.tenant_id AND s.customer_id = c.id AND s.status IN ${GRANTING})`;
}

async function announce(
  trx: Transaction<DB>,
  tenantId: string,
  affected: Affected,
  reason: string,
  now: number,
): Promise<number> {
  if (!(await anyEndpointWants(trx, tenantId))) return 0;
  const dialect = dialectOf(trx);
  const field = (name: string) => sql.ref(`a.${name}`);
  const change = jsonObject(dialect, [
    ['object', sql`'entitlements_change'`],
    ['customer', field('customer_id')],
    ['subscription', field('subscription_id')],
    ['reason', sql`CAST(${reason} AS TEXT)`],
    ['status', field('status')],
    ['plan', field('plan_id')],
    ['previous_status', field('status')],
    ['previous_plan', field('previous_plan_id')],
  ]);
  if (dialect === 'postgres') {
    // Each customer's next object_seq is read then written: the same per-object lock the
    // capture triggers take (pg-webhook-triggers.ts), so a racing announcement waits its turn.
    await sql`
      SELECT pg_advisory_xact_lock(hashtextextended('webhook_events:' || ${tenantId} || ':' || a.customer_id, 0))
      FROM (${affectedCustomers(dialect, tenantId, affected)}) AS a`.execute(trx);
  }
  const inserted = await sql`
    INSERT INTO webhook_events (id, tenant_id, type, object_id, object_seq, data, created_at)
    SELECT ${timeSortableId(dialect, 'wev', sql`${now}`)}, CAST(${tenantId} AS TEXT), CAST(${TYPE} AS TEXT), a.customer_id,
      (SELECT coalesce(max(e.object_seq), 0) + 1 FROM webhook_events AS e
        WHERE e.tenant_id = ${tenantId} AND e.object_id = a.customer_id),
      CAST(${jsonObject(dialect, [['object', change]])} AS TEXT),
      CAST(${now} AS BIGINT)
    FROM (${affectedCustomers(dialect, tenantId, affected)}) AS a
    WHERE true`.execute(trx);
  const events = Number(inserted.numAffectedRows ?? 0);
  if (events === 0) return 0;
  await sql`
    INSERT INTO webhook_deliveries
      (id, tenant_id, endpoint_id, event_id, object_id, object_seq, status, next_attempt_at, created_at, updated_at)
    SELECT ${timeSortableId(dialect, 'wdl', sql`ev.created_at`)}, ev.tenant_id, ep.id, ev.id,
      ev.object_id, ev.object_seq, 'pending', ev.created_at, ev.created_at, ev.created_at
    FROM webhook_events AS ev
    JOIN webhook_endpoints AS ep ON ep.tenant_id = ev.tenant_id AND ep.status = 'enabled'
      AND ${jsonArrayHas(dialect, sql`ep.event_types`, TYPE)}
    WHERE ev.tenant_id = ${tenantId} AND ev.type = ${TYPE} AND ev.created_at = ${now}
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS d WHERE d.event_id = ev.id)`.execute(trx);
  return events;
}

/**
 * A plan's feature values changed: its subscribers' entitlements did too, and, when it is
 * the default plan, those of every customer it applies to. Returns how many events.
 */
export async function announcePlanFeaturesChanged(
  trx: Transaction<DB>,
  plan: { tenantId: string; planId: string; isDefault: boolean },
  now: number,
): Promise<number> {
  const reason = 'plan.features_changed';
  const subscribers = await announce(
    trx,
    plan.tenantId,
    { kind: 'plan_features', planId: plan.planId },
    reason,
    now,
  );
  if (!plan.isDefault) return subscribers;
  const defaulted = { kind: 'default_plan', planId: plan.planId, previousPlanId: plan.planId } as const;
  return subscribers + (await announce(trx, plan.tenantId, defaulted, reason, now));
}

/** The workspace's default plan changed: every customer without a granting subscription is now on `planId`. */
export async function announceDefaultPlanChanged(
  trx: Transaction<DB>,
  change: { tenantId: string; planId: string; previousPlanId: string | null },
  now: number,
): Promise<number> {
  return announce(
    trx,
    change.tenantId,
    { kind: 'default_plan', planId: change.planId, previousPlanId: change.previousPlanId },
    'plan.default_changed',
    now,
  );
}

/**
 * A past-due subscription's grace period ran out while recovery goes on (still retrying, or
 * paused by staff): it stops granting with no change to its row, so no trigger fires. One
 * event for its customer, in its own transaction (there is no change to share one with); none
 * if the subscription is no longer past due. A job run twice may send it twice (at least once).
 */
export async function announceGraceEnded(
  db: Kysely<DB>,
  ended: { tenantId: string; subscriptionId: string },
  now: number,
): Promise<number> {
  return db
    .transaction()
    .execute((trx) =>
      announce(
        trx,
        ended.tenantId,
        { kind: 'grace_ended', subscriptionId: ended.subscriptionId },
        'grace_period_ended',
        now,
      ),
    );
}
