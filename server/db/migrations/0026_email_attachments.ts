import { EMAIL_OUTBOX_COLUMNS_V16, emailOutboxLog } from './0016_staff_notices';
import type { Migration } from './types';

/**
 * Files sent with an email (the monthly finance pack's PDF and XLSX, later a payout statement),
 * kept beside the outbox row and removed with it; the bytes stay on the server (a desktop's
 * Emails page lists an email, never its attachments' contents), so the table is not replicated.
 *
 * The outbox's template list is checked by the code that queues an email (one typed list,
 * shared/emails/schema.ts) instead of a CHECK: each new template (the finance pack now, a
 * licence reminder and payout statements next) would otherwise rebuild the whole outbox on
 * SQLite, which cannot change a CHECK in place. SQLite rebuilds it once more, without the
 * CHECK: same columns, rows, indexes and row-log triggers. PostgreSQL drops the constraint.
 */
const COLUMNS = EMAIL_OUTBOX_COLUMNS_V16.join(', ');

const attachments = (blob: 'BLOB' | 'BYTEA', integer: 'INTEGER' | 'BIGINT', strict: string) => `
    CREATE TABLE email_attachments (
      email_id TEXT NOT NULL REFERENCES email_outbox (id) ON DELETE CASCADE,
      position ${integer} NOT NULL,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      filename TEXT NOT NULL,
      content_type TEXT NOT NULL,
      size_bytes ${integer} NOT NULL,
      content ${blob} NOT NULL,
      PRIMARY KEY (email_id, position)
    )${strict};`;

export const emailAttachments: Migration = {
  version: 26,
  name: 'email_attachments',
  sql: /* sql */ `
    CREATE TABLE email_outbox_rebuilt (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT REFERENCES customers (id),
      source_event_id TEXT NOT NULL,
      template TEXT NOT NULL,
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
    INSERT INTO email_outbox_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM email_outbox ORDER BY rowid;
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
    ${attachments('BLOB', 'INTEGER', ' STRICT')}
  `,
  postgres: /* sql */ `
    ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_template_check;
    ${attachments('BYTEA', 'BIGINT', '')}
  `,
};
