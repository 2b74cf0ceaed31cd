import type { Generated } from 'kysely';
import type { EmailTemplate } from '../../shared/emails/schema';

/** Tables of migration 0004_notifications, as Kysely sees them. */
export interface EmailTables {
  email_outbox: {
    id: string;
    tenant_id: string;
    customer_id: string | null;
    source_event_id: string;
    /** Checked by the code that queues (shared/emails/schema.ts), not by the database (migration 0026). */
    template: EmailTemplate;
    recipient: string;
    from_name: string;
    from_address: string | null;
    reply_to: string | null;
    subject: string;
    html: string;
    text: string;
    status: 'pending' | 'sent' | 'failed' | 'held';
    attempts: Generated<number>;
    next_attempt_at: number | null;
    last_error: string | null;
    message_id: string;
    created_at: number;
    sent_at: number | null;
    updated_at: number;
  };
  email_settings: {
    tenant_id: string;
    sender_name: string;
    from_address: string | null;
    reply_to: string | null;
    brand_color: string;
    footer_text: string;
    version: number;
    updated_at: number;
  };
  notification_cursors: { name: string; last_rowid: number };
  /** Migration 0026: files sent with an email, removed with it. */
  email_attachments: {
    email_id: string;
    position: number;
    tenant_id: string;
    filename: string;
    content_type: string;
    size_bytes: number;
    content: Buffer;
  };
  /** Migration 0030: secrets an email carries until it is sent (a JSON object of name → value). */
  email_secrets: { email_id: string; tenant_id: string; secrets: string };
}
