import type { Kysely } from 'kysely';
import type { GatewayProvider } from './types';
import type { DB } from '../db/schema';
import type { Clock } from '../lib/clock';
import type { GatewayConfig } from './config';
import { gatewayFromConfig } from './index';
import { stripeClientFromConfig } from './stripe/client';

/**
 * Each tenant's gateway from one configuration: Stripe when a secret key is set, else the
 * sandbox. (Per-tenant Stripe accounts arrive with connected mode; until then every
 * tenant of a backend shares its configuration.)
 */
export function gatewayProvider(config: GatewayConfig, db: Kysely<DB>, clock: Clock): GatewayProvider {
  return {
    name: config.stripeSecretKey ? 'stripe' : 'sandbox',
    forTenant: (tenantId) => gatewayFromConfig(config, { db, tenantId, clock }),
    stripeApi: () => (config.stripeSecretKey ? stripeClientFromConfig(config) : null),
  };
}

/** Every tenant on the sandbox gateway: the embedded default, and what tests use. */
export function sandboxGateways(db: Kysely<DB>, clock: Clock): GatewayProvider {
  return gatewayProvider({}, db, clock);
}
