import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { secretBox, type SealedSecretTable } from '../../lib/secrets-at-rest';

/**
 * A tenant's Stripe signing secret as stored: sealed (server/lib/secret-box.ts), bound to the
 * tenant's row so a value copied into another tenant's row does not open.
 */
export const STRIPE_SECRET_TABLE = 'stripe_webhook_endpoints';

export const stripeSecretContext = (tenantId: string) => `${STRIPE_SECRET_TABLE}:${tenantId}`;

export const sealStripeSecret = (tenantId: string, secret: string) =>
  secretBox().seal(secret, stripeSecretContext(tenantId));

export const openStripeSecret = (tenantId: string, stored: string) =>
  secretBox().open(stored, stripeSecretContext(tenantId));

/** The table for the start step that seals and reseals it. */
export const stripeSecretTable: SealedSecretTable<Transaction<DB>> = {
  table: STRIPE_SECRET_TABLE,
  rows: (trx) => trx.selectFrom('stripe_webhook_endpoints').select(['tenant_id as key', 'secret']).execute(),
  write: async (trx, key, secret) => {
    await trx.updateTable('stripe_webhook_endpoints').set({ secret }).where('tenant_id', '=', key).execute();
  },
  context: stripeSecretContext,
};
