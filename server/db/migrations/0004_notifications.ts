import type { Migration } from './types';

/** Email notifications: a durable outbox and per-tenant sender settings. */
export const notifications: Migration = {
  version: 4,
  name: 'notifications',
  sql: /* sql */ `
    -- Every email the authority means to send, written in the same transaction that moves the
    -- dispatch cursor past its billing event, then delivered from here with retries.
    CREATE TABLE email_outbox (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT REFERENCES customers (id),
      source_event_id TEXT NOT NULL,
      template TEXT NOT NULL CHECK (template IN (
        'receipt', 'trial_ending', 'payment_failed', 'payment_recovered', 'final_notice', 'subscription_canceled'
      )),
      recipient TEXT NOT NULL,
      from_name TEXT NOT NULL,
      -- null: the server's SMTP_FROM address, filled in when the email is sent
      from_address TEXT,
      reply_to TEXT,
      subject TEXT NOT NULL,
      html TEXT NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'held')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      last_error TEXT,
      message_id TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL,
      sent_at INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT;
    -- Never the same notification twice for the same event, whatever replays the event.
    CREATE UNIQUE INDEX email_outbox_dedupe ON email_outbox (tenant_id, source_event_id, template);
    -- The sender's queue: due pending emails, soonest first.
    CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
    -- The console's list, newest first, whole or by status or template.
    CREATE INDEX email_outbox_list ON email_outbox (tenant_id, created_at, id);
    CREATE INDEX email_outbox_by_status ON email_outbox (tenant_id, status, created_at, id);
    CREATE INDEX email_outbox_by_template ON email_outbox (tenant_id, template, created_at, id);

    -- How a tenant's emails look and whom they come from; absent means the defaults
    -- drawn from the tenant's name.
    CREATE TABLE email_settings (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      sender_name TEXT NOT NULL,
      from_address TEXT,
      reply_to TEXT,
      brand_color TEXT NOT NULL,
      footer_text TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- How far the dispatcher has read billing_events (by rowid), moved in the same
    -- transaction as the outbox rows it wrote.
    CREATE TABLE notification_cursors (
      name TEXT PRIMARY KEY,
      last_rowid INTEGER NOT NULL
    ) STRICT;
    -- A database that already has history starts after it: upgrading never emails last
    -- year's receipts.
    INSERT INTO notification_cursors (name, last_rowid)
      SELECT 'billing_events', ifnull(max(rowid), 0) FROM billing_events;
  `,
  // billing_events.rowid is the explicit identity column 0002's PostgreSQL form gives it.
  postgres: /* sql */ `
    CREATE TABLE email_outbox (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT REFERENCES customers (id),
      source_event_id TEXT NOT NULL,
      template TEXT NOT NULL CHECK (template IN (
        'receipt', 'trial_ending', 'payment_failed', 'payment_recovered', 'final_notice', 'subscription_canceled'
      )),
      recipient TEXT NOT NULL,
      from_name TEXT NOT NULL,
      from_address TEXT,
      reply_to TEXT,
      subject TEXT NOT NULL,
      html TEXT NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'held')),
      attempts BIGINT NOT NULL DEFAULT 0,
      next_attempt_at BIGINT,
      last_error TEXT,
      message_id TEXT NOT NULL UNIQUE,
      created_at BIGINT NOT NULL,
      sent_at BIGINT,
      updated_at BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX email_outbox_dedupe ON email_outbox (tenant_id, source_event_id, template);
    CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX email_outbox_list ON email_outbox (tenant_id, created_at, id);
    CREATE INDEX email_outbox_by_status ON email_outbox (tenant_id, status, created_at, id);
    CREATE INDEX email_outbox_by_template ON email_outbox (tenant_id, template, created_at, id);

    CREATE TABLE email_settings (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      sender_name TEXT NOT NULL,
      from_address TEXT,
      reply_to TEXT,
      brand_color TEXT NOT NULL,
      footer_text TEXT NOT NULL,
      version BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE notification_cursors (
      name TEXT PRIMARY KEY,
      last_rowid BIGINT NOT NULL
    );
    INSERT INTO notification_cursors (name, last_rowid)
      SELECT 'billing_events', coalesce(max(rowid), 0) FROM billing_events;
  `,
};
