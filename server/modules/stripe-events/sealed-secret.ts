import { secretBox } from '../../lib/secrets-at-rest';

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
