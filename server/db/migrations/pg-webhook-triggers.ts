import { pgTrigger } from './pg-sync-triggers';

/**
 * Migration 0015's `authority_webhooks_*` capture triggers in PostgreSQL's SQL: the same events,
 * conditions and payloads as its SQLite triggers, and the same trigger names (a desktop's replica
 * drops `authority_…` triggers by name). See 0015_webhooks.ts for what they capture and why.
 *
 * Two things are said differently: the event's id is kept from `INSERT … RETURNING` (SQLite
 * finds it again by last_insert_rowid()), and the object's next object_seq is taken under a
 * transaction-scoped advisory lock on (tenant, object). SQLite's single writer makes max + 1
 * safe; here two transactions capturing an event about one object would otherwise both read the
 * same max, and the second would fail on UNIQUE (tenant_id, object_id, object_seq) when the
 * first commits. With the lock the second waits, then reads the first's committed number.
 */

/** Subscription statuses that grant the plan's features (server/modules/entitlements/rules.ts). */
const GRANTING = `('trialing', 'active', 'past_due')`;

const ENDPOINTS_WANTING = (type: string) => `
  SELECT e.id FROM webhook_endpoints AS e
  WHERE e.tenant_id = NEW.tenant_id AND e.status = 'enabled'
    AND EXISTS (SELECT 1 FROM json_array_elements_text(e.event_types::json) AS t (value) WHERE t.value = '${type}')`;

/** `prefix` + the time as 12 hex digits + 16 random hex digits, as SQLite's printf/randomblob ids. */
const timedId = (prefix: string, at: string) =>
  `'${prefix}' || lpad(upper(to_hex(${at})), 12, '0') || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 16))`;

/**
 * One event of `type` about `objectId`, with its JSON `data` and `at`, when `condition` holds
 * and an enabled endpoint wants it: the object's next object_seq, then a pending delivery per
 * endpoint. Uses the variables the trigger function declares (CAPTURE_DECLARE).
 */
function capture(type: string, objectId: string, data: string, at: string, condition: string): string {
  return `
      IF (${condition}) AND EXISTS (${ENDPOINTS_WANTING(type)}) THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('webhook_events:' || NEW.tenant_id || ':' || ${objectId}, 0));
        INSERT INTO webhook_events (id, tenant_id, type, object_id, object_seq, data, created_at)
        VALUES (${timedId('wev_', at)}, NEW.tenant_id, '${type}', ${objectId},
          (SELECT coalesce(max(object_seq), 0) + 1 FROM webhook_events
            WHERE tenant_id = NEW.tenant_id AND object_id = ${objectId}),
          (${data})::text, ${at})
        RETURNING id, object_id, object_seq, created_at INTO v_event_id, v_object_id, v_object_seq, v_at;
        INSERT INTO webhook_deliveries
          (id, tenant_id, endpoint_id, event_id, object_id, object_seq, status, next_attempt_at, created_at, updated_at)
        SELECT ${timedId('wdl_', 'v_at')}, NEW.tenant_id, wanting.id, v_event_id,
          v_object_id, v_object_seq, 'pending', v_at, v_at, v_at
        FROM (${ENDPOINTS_WANTING(type)}) AS wanting;
      END IF;`;
}

const CAPTURE_DECLARE = 'v_event_id TEXT; v_object_id TEXT; v_object_seq BIGINT; v_at BIGINT;';

/** An event's `data`, as Stripe shapes it: the object's state after the change, and what it was before. */
const dataOf = (object: string, previous?: string) =>
  previous
    ? `json_build_object('object', ${object}, 'previous_attributes', ${previous})`
    : `json_build_object('object', ${object})`;

/** A 0/1 column as JSON true/false (NULL counts as false, as SQLite's CASE WHEN says). */
const bool = (column: string) => `CASE WHEN ${column} <> 0 THEN true ELSE false END`;

const subscriptionJson = (r: string) => `json_build_object(
  'id', ${r}.id, 'object', 'subscription', 'customer', ${r}.customer_id, 'status', ${r}.status,
  'plan', ${r}.plan_id, 'price', ${r}.price_id, 'quantity', ${r}.quantity, 'currency', ${r}.currency,
  'current_period_start', ${r}.current_period_start, 'current_period_end', ${r}.current_period_end,
  'trial_end', ${r}.trial_end, 'cancel_at_period_end', ${bool(`${r}.cancel_at_period_end`)},
  'canceled_at', ${r}.canceled_at, 'ended_at', ${r}.ended_at, 'paused_at', ${r}.paused_at,
  'managed_by', ${r}.managed_by, 'created_at', ${r}.created_at, 'updated_at', ${r}.updated_at)`;

const subscriptionPrevious = `json_build_object('status', OLD.status, 'plan', OLD.plan_id, 'price', OLD.price_id,
  'quantity', OLD.quantity, 'cancel_at_period_end', ${bool('OLD.cancel_at_period_end')}, 'paused_at', OLD.paused_at)`;

const invoiceJson = (r: string) => `json_build_object(
  'id', ${r}.id, 'object', 'invoice', 'customer', ${r}.customer_id, 'subscription', ${r}.subscription_id,
  'number', ${r}.number, 'status', ${r}.status, 'billing_reason', ${r}.billing_reason, 'currency', ${r}.currency,
  'subtotal', ${r}.subtotal, 'total', ${r}.total, 'amount_due', ${r}.amount_due, 'amount_paid', ${r}.amount_paid,
  'attempt_count', ${r}.attempt_count, 'next_attempt_at', ${r}.next_attempt_at,
  'period_start', ${r}.period_start, 'period_end', ${r}.period_end, 'finalized_at', ${r}.finalized_at,
  'paid_at', ${r}.paid_at, 'managed_by', ${r}.managed_by, 'created_at', ${r}.created_at)`;

const entitlementsJson = (reason: string, previousStatus: string, previousPlan: string) => `json_build_object(
  'object', 'entitlements_change', 'customer', NEW.customer_id, 'subscription', NEW.id, 'reason', ${reason},
  'status', NEW.status, 'plan', NEW.plan_id, 'previous_status', ${previousStatus}, 'previous_plan', ${previousPlan})`;

const SUBSCRIPTION_CHANGED = `OLD.status IS DISTINCT FROM NEW.status OR OLD.plan_id IS DISTINCT FROM NEW.plan_id
  OR OLD.price_id IS DISTINCT FROM NEW.price_id OR OLD.quantity IS DISTINCT FROM NEW.quantity
  OR OLD.cancel_at_period_end IS DISTINCT FROM NEW.cancel_at_period_end
  OR OLD.paused_at IS DISTINCT FROM NEW.paused_at`;

/** Access starts or ends, or the plan behind it changes. */
const ACCESS_CHANGED = `(OLD.status IN ${GRANTING}) <> (NEW.status IN ${GRANTING})
  OR (NEW.status IN ${GRANTING} AND OLD.plan_id IS DISTINCT FROM NEW.plan_id)`;

const CANCELED = `NEW.status = 'canceled' AND OLD.status <> 'canceled'`;

const SUBSCRIPTION_TRIGGERS = [
  pgTrigger({
    name: 'authority_webhooks_subscription_insert',
    timing: 'AFTER INSERT',
    table: 'subscriptions',
    declare: CAPTURE_DECLARE,
    body: [
      capture('subscription.created', 'NEW.id', dataOf(subscriptionJson('NEW')), 'NEW.updated_at', 'true'),
      capture(
        'entitlements.updated',
        'NEW.customer_id',
        dataOf(entitlementsJson("'subscription.created'", 'NULL', 'NULL')),
        'NEW.updated_at',
        `NEW.status IN ${GRANTING}`,
      ),
    ].join(''),
  }),
  pgTrigger({
    name: 'authority_webhooks_subscription_update',
    timing: 'AFTER UPDATE',
    table: 'subscriptions',
    declare: CAPTURE_DECLARE,
    body: [
      capture(
        'subscription.canceled',
        'NEW.id',
        dataOf(subscriptionJson('NEW'), subscriptionPrevious),
        'NEW.updated_at',
        CANCELED,
      ),
      capture(
        'subscription.updated',
        'NEW.id',
        dataOf(subscriptionJson('NEW'), subscriptionPrevious),
        'NEW.updated_at',
        `NOT (${CANCELED}) AND (${SUBSCRIPTION_CHANGED})`,
      ),
      capture(
        'entitlements.updated',
        'NEW.customer_id',
        dataOf(entitlementsJson("'subscription.updated'", 'OLD.status', 'OLD.plan_id')),
        'NEW.updated_at',
        ACCESS_CHANGED,
      ),
    ].join(''),
  }),
];

const INVOICE_TRIGGERS = [
  pgTrigger({
    name: 'authority_webhooks_invoice_insert',
    timing: 'AFTER INSERT',
    table: 'invoices',
    declare: CAPTURE_DECLARE,
    body: [
      capture(
        'invoice.finalized',
        'NEW.id',
        dataOf(invoiceJson('NEW')),
        'NEW.updated_at',
        `NEW.status <> 'draft'`,
      ),
      capture('invoice.paid', 'NEW.id', dataOf(invoiceJson('NEW')), 'NEW.updated_at', `NEW.status = 'paid'`),
    ].join(''),
  }),
  pgTrigger({
    name: 'authority_webhooks_invoice_update',
    timing: 'AFTER UPDATE',
    table: 'invoices',
    declare: CAPTURE_DECLARE,
    body: [
      capture(
        'invoice.finalized',
        'NEW.id',
        dataOf(invoiceJson('NEW')),
        'NEW.updated_at',
        `OLD.status = 'draft' AND NEW.status <> 'draft'`,
      ),
      capture(
        'invoice.paid',
        'NEW.id',
        dataOf(invoiceJson('NEW')),
        'NEW.updated_at',
        `NEW.status = 'paid' AND OLD.status <> 'paid'`,
      ),
      capture(
        'invoice.payment_failed',
        'NEW.id',
        dataOf(invoiceJson('NEW')),
        'NEW.updated_at',
        // Stripe Billing counts its failed attempts on the invoice (ours count at the start of a charge).
        `NEW.managed_by = 'stripe' AND NEW.status = 'open' AND NEW.attempt_count > OLD.attempt_count`,
      ),
    ].join(''),
  }),
];

/** A payment of ours that failed, announced about its invoice (the invoice's events keep their order). */
const invoiceOfPayment = `(SELECT ${invoiceJson('i')} FROM invoices AS i WHERE i.id = NEW.invoice_id)`;
const paymentFailure = `json_build_object('id', NEW.id, 'object', 'payment', 'amount', NEW.amount,
  'currency', NEW.currency, 'failure_code', NEW.failure_code, 'failure_message', NEW.failure_message,
  'attempt', NEW.attempt_number)`;
const paymentFailed = capture(
  'invoice.payment_failed',
  'NEW.invoice_id',
  `json_build_object('object', ${invoiceOfPayment}, 'payment', ${paymentFailure})`,
  'NEW.updated_at',
  'true',
);
const PAYMENT_TRIGGERS = [
  pgTrigger({
    name: 'authority_webhooks_payment_failed',
    timing: 'AFTER UPDATE OF status',
    table: 'payments',
    when: `NEW.status = 'failed' AND OLD.status <> 'failed' AND NEW.invoice_id IS NOT NULL`,
    declare: CAPTURE_DECLARE,
    body: paymentFailed,
  }),
  pgTrigger({
    name: 'authority_webhooks_payment_failed_insert',
    timing: 'AFTER INSERT',
    table: 'payments',
    when: `NEW.status = 'failed' AND NEW.invoice_id IS NOT NULL`,
    declare: CAPTURE_DECLARE,
    body: paymentFailed,
  }),
];

/** Every capture trigger of migration 0015, in PostgreSQL's SQL. */
export const WEBHOOK_CAPTURE_TRIGGERS_PG = [
  ...SUBSCRIPTION_TRIGGERS,
  ...INVOICE_TRIGGERS,
  ...PAYMENT_TRIGGERS,
].join('\n');
