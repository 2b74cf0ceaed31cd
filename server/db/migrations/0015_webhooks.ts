import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
import { WEBHOOK_CAPTURE_TRIGGERS_PG } from './pg-webhook-triggers';
import type { Migration } from './types';

/**
 * Outgoing webhooks (server/modules/webhooks owns these tables). Events are captured by
 * triggers on the rows whose changes they announce, so each event commits in the same
 * transaction as its change whoever writes it (a command, a job, the Stripe Billing mirror),
 * and nothing in billing had to change. An event is captured only when an enabled endpoint
 * of the tenant wants its type, and is fanned out to those endpoints at once.
 *
 * The capture triggers are named `authority_…`: a desktop's replica drops them (it receives
 * the authority's events instead of making its own).
 */

/** Subscription statuses that grant the plan's features (server/modules/entitlements/rules.ts). */
const GRANTING = `('trialing', 'active', 'past_due')`;

const ENDPOINTS_WANTING = (type: string) => `
  SELECT e.id FROM webhook_endpoints AS e
  WHERE e.tenant_id = NEW.tenant_id AND e.status = 'enabled'
    AND EXISTS (SELECT 1 FROM json_each(e.event_types) WHERE value = '${type}')`;

/**
 * One event of `type` about `objectId`, with its JSON `data` and `at`, when `condition`
 * holds: the next sequence number of that object, then a pending delivery per endpoint.
 */
function capture(type: string, objectId: string, data: string, at: string, condition: string): string {
  return `
      INSERT INTO webhook_events (id, tenant_id, type, object_id, object_seq, data, created_at)
      SELECT 'wev_' || printf('%012X', ${at}) || hex(randomblob(8)), NEW.tenant_id, '${type}', ${objectId},
        (SELECT ifnull(max(object_seq), 0) + 1 FROM webhook_events
          WHERE tenant_id = NEW.tenant_id AND object_id = ${objectId}),
        ${data}, ${at}
      WHERE (${condition}) AND EXISTS (${ENDPOINTS_WANTING(type)});
      INSERT INTO webhook_deliveries
        (id, tenant_id, endpoint_id, event_id, object_id, object_seq, status, next_attempt_at, created_at, updated_at)
      SELECT 'wdl_' || printf('%012X', ev.created_at) || hex(randomblob(8)), ev.tenant_id, wanting.id, ev.id,
        ev.object_id, ev.object_seq, 'pending', ev.created_at, ev.created_at, ev.created_at
      FROM webhook_events AS ev, (${ENDPOINTS_WANTING(type)}) AS wanting
      WHERE (${condition}) AND ev.rowid = last_insert_rowid()
        AND ev.tenant_id = NEW.tenant_id AND ev.type = '${type}' AND ev.object_id = ${objectId};`;
}

/** An event's `data`, as Stripe shapes it: the object's state after the change, and what it was before. */
const dataOf = (object: string, previous?: string) =>
  previous
    ? `json_object('object', ${object}, 'previous_attributes', ${previous})`
    : `json_object('object', ${object})`;

const bool = (column: string) => `json(CASE WHEN ${column} THEN 'true' ELSE 'false' END)`;

const subscriptionJson = (r: string) => `json_object(
  'id', ${r}.id, 'object', 'subscription', 'customer', ${r}.customer_id, 'status', ${r}.status,
  'plan', ${r}.plan_id, 'price', ${r}.price_id, 'quantity', ${r}.quantity, 'currency', ${r}.currency,
  'current_period_start', ${r}.current_period_start, 'current_period_end', ${r}.current_period_end,
  'trial_end', ${r}.trial_end, 'cancel_at_period_end', ${bool(`${r}.cancel_at_period_end`)},
  'canceled_at', ${r}.canceled_at, 'ended_at', ${r}.ended_at, 'paused_at', ${r}.paused_at,
  'managed_by', ${r}.managed_by, 'created_at', ${r}.created_at, 'updated_at', ${r}.updated_at)`;

const subscriptionPrevious = `json_object('status', OLD.status, 'plan', OLD.plan_id, 'price', OLD.price_id,
  'quantity', OLD.quantity, 'cancel_at_period_end', ${bool('OLD.cancel_at_period_end')}, 'paused_at', OLD.paused_at)`;

const invoiceJson = (r: string) => `json_object(
  'id', ${r}.id, 'object', 'invoice', 'customer', ${r}.customer_id, 'subscription', ${r}.subscription_id,
  'number', ${r}.number, 'status', ${r}.status, 'billing_reason', ${r}.billing_reason, 'currency', ${r}.currency,
  'subtotal', ${r}.subtotal, 'total', ${r}.total, 'amount_due', ${r}.amount_due, 'amount_paid', ${r}.amount_paid,
  'attempt_count', ${r}.attempt_count, 'next_attempt_at', ${r}.next_attempt_at,
  'period_start', ${r}.period_start, 'period_end', ${r}.period_end, 'finalized_at', ${r}.finalized_at,
  'paid_at', ${r}.paid_at, 'managed_by', ${r}.managed_by, 'created_at', ${r}.created_at)`;

const entitlementsJson = (reason: string, previousStatus: string, previousPlan: string) => `json_object(
  'object', 'entitlements_change', 'customer', NEW.customer_id, 'subscription', NEW.id, 'reason', ${reason},
  'status', NEW.status, 'plan', NEW.plan_id, 'previous_status', ${previousStatus}, 'previous_plan', ${previousPlan})`;

const SUBSCRIPTION_CHANGED = `OLD.status IS NOT NEW.status OR OLD.plan_id IS NOT NEW.plan_id
  OR OLD.price_id IS NOT NEW.price_id OR OLD.quantity IS NOT NEW.quantity
  OR OLD.cancel_at_period_end IS NOT NEW.cancel_at_period_end OR OLD.paused_at IS NOT NEW.paused_at`;

/** Access starts or ends, or the plan behind it changes. */
const ACCESS_CHANGED = `(OLD.status IN ${GRANTING}) != (NEW.status IN ${GRANTING})
  OR (NEW.status IN ${GRANTING} AND OLD.plan_id IS NOT NEW.plan_id)`;

const SUBSCRIPTION_TRIGGERS = `
    CREATE TRIGGER authority_webhooks_subscription_insert AFTER INSERT ON subscriptions BEGIN
      ${capture('subscription.created', 'NEW.id', dataOf(subscriptionJson('NEW')), 'NEW.updated_at', '1')}
      ${capture(
        'entitlements.updated',
        'NEW.customer_id',
        dataOf(entitlementsJson("'subscription.created'", 'NULL', 'NULL')),
        'NEW.updated_at',
        `NEW.status IN ${GRANTING}`,
      )}
    END;
    CREATE TRIGGER authority_webhooks_subscription_update AFTER UPDATE ON subscriptions BEGIN
      ${capture(
        'subscription.canceled',
        'NEW.id',
        dataOf(subscriptionJson('NEW'), subscriptionPrevious),
        'NEW.updated_at',
        `NEW.status = 'canceled' AND OLD.status != 'canceled'`,
      )}
      ${capture(
        'subscription.updated',
        'NEW.id',
        dataOf(subscriptionJson('NEW'), subscriptionPrevious),
        'NEW.updated_at',
        `NOT (NEW.status = 'canceled' AND OLD.status != 'canceled') AND (${SUBSCRIPTION_CHANGED})`,
      )}
      ${capture(
        'entitlements.updated',
        'NEW.customer_id',
        dataOf(entitlementsJson("'subscription.updated'", 'OLD.status', 'OLD.plan_id')),
        'NEW.updated_at',
        ACCESS_CHANGED,
      )}
    END;`;

const INVOICE_TRIGGERS = `
    CREATE TRIGGER authority_webhooks_invoice_insert AFTER INSERT ON invoices BEGIN
      ${capture('invoice.finalized', 'NEW.id', dataOf(invoiceJson('NEW')), 'NEW.updated_at', `NEW.status != 'draft'`)}
      ${capture('invoice.paid', 'NEW.id', dataOf(invoiceJson('NEW')), 'NEW.updated_at', `NEW.status = 'paid'`)}
    END;
    CREATE TRIGGER authority_webhooks_invoice_update AFTER UPDATE ON invoices BEGIN
      ${capture(
        'invoice.finalized',
        'NEW.id',
        dataOf(invoiceJson('NEW')),
        'NEW.updated_at',
        `OLD.status = 'draft' AND NEW.status != 'draft'`,
      )}
      ${capture(
        'invoice.paid',
        'NEW.id',
        dataOf(invoiceJson('NEW')),
        'NEW.updated_at',
        `NEW.status = 'paid' AND OLD.status != 'paid'`,
      )}
      ${capture(
        'invoice.payment_failed',
        'NEW.id',
        dataOf(invoiceJson('NEW')),
        'NEW.updated_at',
        // Stripe Billing counts its failed attempts on the invoice (ours count at the start of a charge).
        `NEW.managed_by = 'stripe' AND NEW.status = 'open' AND NEW.attempt_count > OLD.attempt_count`,
      )}
    END;`;

/** A payment of ours that failed, announced about its invoice (the invoice's events keep their order). */
const invoiceOfPayment = `(SELECT ${invoiceJson('i')} FROM invoices AS i WHERE i.id = NEW.invoice_id)`;
const paymentFailure = `json_object('id', NEW.id, 'object', 'payment', 'amount', NEW.amount, 'currency', NEW.currency,
  'failure_code', NEW.failure_code, 'failure_message', NEW.failure_message, 'attempt', NEW.attempt_number)`;
const PAYMENT_TRIGGERS = `
    CREATE TRIGGER authority_webhooks_payment_failed AFTER UPDATE OF status ON payments
    WHEN NEW.status = 'failed' AND OLD.status != 'failed' AND NEW.invoice_id IS NOT NULL BEGIN
      ${capture(
        'invoice.payment_failed',
        'NEW.invoice_id',
        `json_object('object', json(${invoiceOfPayment}), 'payment', json(${paymentFailure}))`,
        'NEW.updated_at',
        '1',
      )}
    END;
    CREATE TRIGGER authority_webhooks_payment_failed_insert AFTER INSERT ON payments
    WHEN NEW.status = 'failed' AND NEW.invoice_id IS NOT NULL BEGIN
      ${capture(
        'invoice.payment_failed',
        'NEW.invoice_id',
        `json_object('object', json(${invoiceOfPayment}), 'payment', json(${paymentFailure}))`,
        'NEW.updated_at',
        '1',
      )}
    END;`;

/** A replicated table of this migration: frozen columns, as migration 0010 logs its own. */
export interface WebhookReplicatedTable {
  name: string;
  key: readonly string[];
  columns: readonly string[];
}

/** Each replicated table's columns as of this migration, frozen as migration 0010's are. */
const V15_COLUMNS: Record<string, string> = {
  webhook_endpoints:
    'id tenant_id url description event_types status disabled_reason secret_hint failing_since version created_at updated_at',
  webhook_events: 'id tenant_id type object_id object_seq data created_at',
  webhook_deliveries:
    'id tenant_id endpoint_id event_id object_id object_seq status attempts attempts_before_replay next_attempt_at last_response_code last_error created_at updated_at finished_at',
  webhook_attempts:
    'id tenant_id delivery_id endpoint_id attempt at duration_ms outcome response_code response_excerpt error',
};

/**
 * What desktops receive: endpoints (never their secret, which lives in webhook_secrets), the
 * events, deliveries and the attempt log, for the console's Webhooks page on a replica.
 */
export const REPLICATED_TABLES_V15: readonly WebhookReplicatedTable[] = Object.entries(V15_COLUMNS).map(
  ([name, columns]) => ({ name, key: ['id'], columns: columns.split(' ') }),
);

const rowJson = (columns: readonly string[], row: string) =>
  `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;

/** The row log's triggers (as migration 0010 writes them), so replicas receive these tables. */
function syncTriggers(table: WebhookReplicatedTable): string {
  const log = (row: 'NEW' | 'OLD', op: 'upsert' | 'delete') => `
      UPDATE sync_counter SET seq = seq + 1;
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      VALUES ('${table.name}', CAST(${row}.id AS TEXT), ${row}.tenant_id, (SELECT seq FROM sync_counter), '${op}',
        ${op === 'upsert' ? rowJson(table.columns, row) : 'NULL'})
      ON CONFLICT (tbl, pk) DO UPDATE SET
        seq = excluded.seq, op = excluded.op, row = excluded.row, tenant_id = excluded.tenant_id;`;
  return `
    CREATE TRIGGER sync_${table.name}_insert AFTER INSERT ON ${table.name} BEGIN${log('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${table.name}_update AFTER UPDATE ON ${table.name} BEGIN${log('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${table.name}_delete AFTER DELETE ON ${table.name} BEGIN${log('OLD', 'delete')}
    END;`;
}

export const webhooks: Migration = {
  version: 15,
  name: 'webhooks',
  sql: /* sql */ `
    -- Where a tenant wants to hear about changes, and which changes.
    CREATE TABLE webhook_endpoints (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      url TEXT NOT NULL,
      description TEXT NOT NULL,
      -- JSON array of event types (shared/webhooks/events.ts)
      event_types TEXT NOT NULL CHECK (json_valid(event_types) AND json_type(event_types) = 'array'),
      status TEXT NOT NULL CHECK (status IN ('enabled', 'disabled')),
      -- 'staff' or 'failing' while disabled
      disabled_reason TEXT CHECK (disabled_reason IN ('staff', 'failing')),
      -- the secret's last four characters, to tell secrets apart in the console
      secret_hint TEXT NOT NULL,
      -- the first failed attempt since the last success; three days of failures disable the endpoint
      failing_since INTEGER,
      version INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at, id);

    -- Signing secrets, apart from the endpoints so nothing that copies endpoint rows (the
    -- replicas' row log, audit snapshots) can carry them.
    CREATE TABLE webhook_secrets (
      endpoint_id TEXT PRIMARY KEY REFERENCES webhook_endpoints (id),
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      secret TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    -- What happened, once per event, numbered per object (object_seq) so order can be kept.
    CREATE TABLE webhook_events (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      type TEXT NOT NULL,
      object_id TEXT NOT NULL,
      object_seq INTEGER NOT NULL,
      data TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (tenant_id, object_id, object_seq)
    ) STRICT;

    -- One event to one endpoint: the durable queue. Pending until delivered (succeeded) or
    -- given up (failed); while an attempt is in hand next_attempt_at is its lease's end.
    CREATE TABLE webhook_deliveries (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
      event_id TEXT NOT NULL REFERENCES webhook_events (id),
      object_id TEXT NOT NULL,
      object_seq INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      -- attempts made before the last replay: backoff counts from there
      attempts_before_replay INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      last_response_code INTEGER,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER,
      UNIQUE (endpoint_id, event_id)
    ) STRICT;
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_object ON webhook_deliveries (endpoint_id, object_id, object_seq)
      WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_list ON webhook_deliveries (tenant_id, endpoint_id, created_at, id);

    -- The delivery log: every attempt, what came back and how long it took.
    CREATE TABLE webhook_attempts (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
      endpoint_id TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      at INTEGER NOT NULL,
      duration_ms INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
      response_code INTEGER,
      response_excerpt TEXT,
      error TEXT
    ) STRICT;
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);
    -- An endpoint's last delivery, for the list.
    CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, at);
    ${SUBSCRIPTION_TRIGGERS}
    ${INVOICE_TRIGGERS}
    ${PAYMENT_TRIGGERS}
    ${REPLICATED_TABLES_V15.map(syncTriggers).join('\n')}
  `,
  // PostgreSQL: the same tables (webhook_events gains the explicit rowid the app pages by);
  // the capture triggers are pg-webhook-triggers.ts, the row log's pg-sync-triggers.ts.
  postgres: /* sql */ `
    CREATE TABLE webhook_endpoints (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      url TEXT NOT NULL,
      description TEXT NOT NULL,
      event_types TEXT NOT NULL CHECK (json_typeof(event_types::json) = 'array'),
      status TEXT NOT NULL CHECK (status IN ('enabled', 'disabled')),
      disabled_reason TEXT CHECK (disabled_reason IN ('staff', 'failing')),
      secret_hint TEXT NOT NULL,
      failing_since BIGINT,
      version BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at, id);

    CREATE TABLE webhook_secrets (
      endpoint_id TEXT PRIMARY KEY REFERENCES webhook_endpoints (id),
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      secret TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );

    CREATE TABLE webhook_events (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      type TEXT NOT NULL,
      object_id TEXT NOT NULL,
      object_seq BIGINT NOT NULL,
      data TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY,
      UNIQUE (tenant_id, object_id, object_seq)
    );
    CREATE INDEX webhook_events_rowid ON webhook_events (rowid);

    CREATE TABLE webhook_deliveries (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
      event_id TEXT NOT NULL REFERENCES webhook_events (id),
      object_id TEXT NOT NULL,
      object_seq BIGINT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts BIGINT NOT NULL DEFAULT 0,
      attempts_before_replay BIGINT NOT NULL DEFAULT 0,
      next_attempt_at BIGINT,
      last_response_code BIGINT,
      last_error TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      finished_at BIGINT,
      UNIQUE (endpoint_id, event_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_object ON webhook_deliveries (endpoint_id, object_id, object_seq)
      WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_list ON webhook_deliveries (tenant_id, endpoint_id, created_at, id);

    CREATE TABLE webhook_attempts (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
      endpoint_id TEXT NOT NULL,
      attempt BIGINT NOT NULL,
      at BIGINT NOT NULL,
      duration_ms BIGINT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
      response_code BIGINT,
      response_excerpt TEXT,
      error TEXT
    );
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);
    CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, at);
    ${WEBHOOK_CAPTURE_TRIGGERS_PG}
    ${REPLICATED_TABLES_V15.map((table) => pgSyncTriggers({ ...table, tenant: byTenantId })).join('\n')}
  `,
};
