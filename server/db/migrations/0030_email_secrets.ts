import type { Migration } from './types';

/**
 * Secrets an email carries (an account admin's invitation code), kept beside the outbox row
 * until the email is sent, then deleted. The outbox row itself holds a marker where the secret
 * goes: the outbox is replicated to every desktop with billing.read and shown on the Emails
 * page, and a secret must reach neither. This table is not replicated (as email_attachments).
 */
const table = (strict: string) => `
    CREATE TABLE email_secrets (
      email_id TEXT PRIMARY KEY REFERENCES email_outbox (id) ON DELETE CASCADE,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      -- A JSON object: the secret's name → its value.
      secrets TEXT NOT NULL
    )${strict};`;

export const emailSecrets: Migration = {
  version: 30,
  name: 'email_secrets',
  sql: table(' STRICT'),
  postgres: table(''),
};
