import { REPLICATED_TABLES_V10 } from './0010_sync';
import { pgSyncTriggers } from './pg-sync-triggers';
import type { Migration } from './types';

/**
 * Emails to a workspace's own staff, beside the customer emails: the first is the notice
 * that a failing webhook endpoint was disabled. SQLite cannot change a CHECK in place, so
 * email_outbox is rebuilt with the longer template list: same columns, rows, indexes and
 * row-log triggers (as migration 0010 wrote them). Nothing references email_outbox.
 */
/** email_outbox's columns as this migration rebuilt them (0026 rebuilds it again with the same). */
export const EMAIL_OUTBOX_COLUMNS_V16 =
  'id tenant_id customer_id source_event_id template recipient from_name from_address reply_to subject html text status attempts next_attempt_at last_error message_id created_at sent_at updated_at'.split(
    ' ',
  );

const COLUMNS = EMAIL_OUTBOX_COLUMNS_V16;

const rowJson = (row: string) => `json_object(${COLUMNS.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;

/** The row log's trigger body for email_outbox (as migration 0010 wrote it). */
export const emailOutboxLog = (row: 'NEW' | 'OLD', op: 'upsert' | 'delete') => `
      UPDATE sync_counter SET seq = seq + 1;
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      VALUES ('email_outbox', CAST(${row}.id AS TEXT), ${row}.tenant_id, (SELECT seq FROM sync_counter), '${op}',
        ${op === 'upsert' ? rowJson(row) : 'NULL'})
      ON CONFLICT (tbl, pk) DO UPDATE SET
        seq = excluded.seq, op = excluded.op, row = excluded.row, tenant_id = excluded.tenant_id;`;

const EMAIL_OUTBOX_V10 = REPLICATED_TABLES_V10.find((t) => t.name === 'email_outbox');
if (!EMAIL_OUTBOX_V10) throw new Error('migration 0010 replicates email_outbox');

export const staffNotices: Migration = {
  version: 16,
  name: 'staff_notices',
  sql: /* sql */ `
    CREATE TABLE email_outbox_rebuilt (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT REFERENCES customers (id),
      source_event_id TEXT NOT NULL,
      template TEXT NOT NULL CHECK (template IN (
        'receipt', 'trial_ending', 'payment_failed', 'payment_recovered', 'final_notice', 'subscription_canceled',
        'webhook_endpoint_disabled'
      )),
      recipient TEXT NOT NULL,
      from_name TEXT NOT NULL,
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
    INSERT INTO email_outbox_rebuilt (${COLUMNS.join(', ')})
      SELECT ${COLUMNS.join(', ')} FROM email_outbox ORDER BY rowid;
    DROP TABLE email_outbox;
    ALTER TABLE email_outbox_rebuilt RENAME TO email_outbox;
    CREATE UNIQUE INDEX email_outbox_dedupe ON email_outbox (tenant_id, source_event_id, template);
    CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX email_outbox_list ON email_outbox (tenant_id, created_at, id);
    CREATE INDEX email_outbox_by_status ON email_outbox (tenant_id, status, created_at, id);
    CREATE INDEX email_outbox_by_template ON email_outbox (tenant_id, template, created_at, id);
    CREATE INDEX email_outbox_recipient ON email_outbox (tenant_id, recipient COLLATE NOCASE, created_at);
    CREATE TRIGGER sync_email_outbox_insert AFTER INSERT ON email_outbox BEGIN${emailOutboxLog('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_email_outbox_update AFTER UPDATE ON email_outbox BEGIN${emailOutboxLog('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_email_outbox_delete AFTER DELETE ON email_outbox BEGIN${emailOutboxLog('OLD', 'delete')}
    END;
  `,
  // PostgreSQL changes the CHECK in place: columns, rows, indexes and triggers stay. The column
  // CHECK's name is whatever 0004's form gave it, so it is found by the one column it checks.
  // The row log's triggers are made again as SQLite's rebuild makes them (the same columns).
  postgres: /* sql */ `
    DO $do$
    DECLARE c RECORD;
    BEGIN
      FOR c IN
        SELECT con.conname FROM pg_constraint AS con
        JOIN pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
        WHERE con.conrelid = 'email_outbox'::regclass AND con.contype = 'c'
          AND a.attname = 'template' AND cardinality(con.conkey) = 1
      LOOP
        EXECUTE format('ALTER TABLE email_outbox DROP CONSTRAINT %I', c.conname);
      END LOOP;
    END
    $do$;
    ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_template_check CHECK (template IN (
      'receipt', 'trial_ending', 'payment_failed', 'payment_recovered', 'final_notice', 'subscription_canceled',
      'webhook_endpoint_disabled'
    ));
    ${pgSyncTriggers(EMAIL_OUTBOX_V10)}
  `,
};
