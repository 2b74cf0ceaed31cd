import type { Migration } from './types';

/** Stripe webhook inbox: verified events keyed by Stripe event id, endpoint secrets, events-API cursor. */
export const stripeEvents: Migration = {
  version: 5,
  name: 'stripe_events',
  sql: /* sql */ `
    -- Every verified Stripe event once per tenant, whether it came by webhook or from the
    -- events list. The primary key is the dedupe: a second delivery inserts nothing.
    CREATE TABLE stripe_events (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      object_id TEXT,
      -- Stripe's own created time (seconds there), in ms: the processing order.
      created INTEGER NOT NULL,
      livemode INTEGER NOT NULL CHECK (livemode IN (0, 1)),
      -- The event as received (the raw webhook body), for the handlers and the console.
      payload TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('webhook', 'events_api')),
      status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'processed', 'ignored', 'stale', 'failed', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      -- When a processor may take it: due time, backoff, or the end of a processor's lease.
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      received_at INTEGER NOT NULL,
      processed_at INTEGER,
      PRIMARY KEY (tenant_id, event_id)
    ) STRICT;
    -- The processor's queue, oldest Stripe time first. Partial: finished events leave it,
    -- so it stays as small as the backlog. Queries must spell the same status literals.
    CREATE INDEX stripe_events_due ON stripe_events (created, event_id, tenant_id, next_attempt_at)
      WHERE status IN ('pending', 'failed');
    -- The console's list, newest received first, and its status and type filters.
    CREATE INDEX stripe_events_received ON stripe_events (tenant_id, received_at, event_id);
    CREATE INDEX stripe_events_status ON stripe_events (tenant_id, status, received_at, event_id);
    CREATE INDEX stripe_events_type ON stripe_events (tenant_id, type, received_at, event_id);

    -- What happened to an event, in order: each processing outcome and each replay.
    CREATE TABLE stripe_event_attempts (
      tenant_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      outcome TEXT NOT NULL
        CHECK (outcome IN ('processed', 'ignored', 'stale', 'failed', 'dead', 'replayed')),
      error TEXT,
      -- Who asked for a replay; null for the processor's own outcomes.
      actor_name TEXT,
      FOREIGN KEY (tenant_id, event_id) REFERENCES stripe_events (tenant_id, event_id)
    ) STRICT;
    CREATE INDEX stripe_event_attempts_event ON stripe_event_attempts (tenant_id, event_id, at);

    -- Each tenant's webhook signing secret (whsec_…). Never returned, logged or synced.
    CREATE TABLE stripe_webhook_endpoints (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      secret TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- Where a standalone desktop's reading of Stripe's events list has got to.
    CREATE TABLE stripe_event_cursors (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      last_event_id TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
  // stripe_event_attempts is read in insertion order: PostgreSQL gets an explicit rowid for it.
  postgres: /* sql */ `
    CREATE TABLE stripe_events (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      object_id TEXT,
      created BIGINT NOT NULL,
      livemode BIGINT NOT NULL CHECK (livemode IN (0, 1)),
      payload TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('webhook', 'events_api')),
      status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'processed', 'ignored', 'stale', 'failed', 'dead')),
      attempts BIGINT NOT NULL DEFAULT 0,
      next_attempt_at BIGINT NOT NULL,
      last_error TEXT,
      received_at BIGINT NOT NULL,
      processed_at BIGINT,
      PRIMARY KEY (tenant_id, event_id)
    );
    CREATE INDEX stripe_events_due ON stripe_events (created, event_id, tenant_id, next_attempt_at)
      WHERE status IN ('pending', 'failed');
    CREATE INDEX stripe_events_received ON stripe_events (tenant_id, received_at, event_id);
    CREATE INDEX stripe_events_status ON stripe_events (tenant_id, status, received_at, event_id);
    CREATE INDEX stripe_events_type ON stripe_events (tenant_id, type, received_at, event_id);

    CREATE TABLE stripe_event_attempts (
      tenant_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      at BIGINT NOT NULL,
      outcome TEXT NOT NULL
        CHECK (outcome IN ('processed', 'ignored', 'stale', 'failed', 'dead', 'replayed')),
      error TEXT,
      actor_name TEXT,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY,
      FOREIGN KEY (tenant_id, event_id) REFERENCES stripe_events (tenant_id, event_id)
    );
    CREATE INDEX stripe_event_attempts_event ON stripe_event_attempts (tenant_id, event_id, at);

    CREATE TABLE stripe_webhook_endpoints (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      secret TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE stripe_event_cursors (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      last_event_id TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );
  `,
};
