import type { Migration } from './types';

/**
 * Indexes for the command palette's search (search.find): a card's last four digits, and
 * an email's recipient by prefix, case-insensitively (a range on the NOCASE form). Every
 * other key it looks up (ids, invoice numbers, Stripe references, customer emails and
 * names) already has an index.
 */
export const search: Migration = {
  version: 12,
  name: 'search',
  sql: /* sql */ `
    CREATE INDEX payment_methods_last4 ON payment_methods (tenant_id, last4, customer_id);
    CREATE INDEX email_outbox_recipient ON email_outbox (tenant_id, recipient COLLATE NOCASE, created_at);
  `,
  // The NOCASE form of the recipient is lower(recipient) here: the search compares lower() ranges.
  postgres: /* sql */ `
    CREATE INDEX payment_methods_last4 ON payment_methods (tenant_id, last4, customer_id);
    CREATE INDEX email_outbox_recipient ON email_outbox (tenant_id, lower(recipient), created_at);
  `,
};
