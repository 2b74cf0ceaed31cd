import type { Migration } from './types';

/** Stripe Billing mirror: Stripe ids on catalog, invoices and payments; object versions for ordering. */
export const stripeMirror: Migration = {
  version: 6,
  name: 'stripe_mirror',
  sql: /* sql */ `
    -- The newest Stripe snapshot applied for each object, by the event's created time
    -- (Stripe's seconds, stored as ms): an older event arriving late must not move state back.
    CREATE TABLE stripe_object_versions (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      object_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (tenant_id, object_id)
    ) STRICT, WITHOUT ROWID;
  `,
};
