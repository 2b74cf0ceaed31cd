import { describe, expect, it } from 'vitest';
import { REPLICATED_TABLES } from '../db/replicated-tables';
import { TABLE_REACH } from '../sync/replicated-tables';
import { STRIPE_SECRET_TABLE } from '../modules/stripe-events/sealed-secret';
import { WEBHOOK_SECRET_TABLE } from '../modules/webhooks/secrets';

/** Signing secrets stay on the authority: no replica, sealed or not, receives either table. */
describe('signing secret tables', () => {
  it.each([STRIPE_SECRET_TABLE, WEBHOOK_SECRET_TABLE])('%s is not replicated to desktops', (table) => {
    expect(REPLICATED_TABLES.map((t) => t.name)).not.toContain(table);
    expect(Object.keys(TABLE_REACH)).not.toContain(table);
    // The check can fail: the replicated list is read, and it is not empty.
    expect(REPLICATED_TABLES.map((t) => t.name)).toContain('webhook_endpoints');
  });
});
