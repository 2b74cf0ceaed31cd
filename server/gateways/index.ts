import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Clock } from '../lib/clock';
import type { GatewayConfig } from './config';
import { createSandboxGateway } from './sandbox/sandbox-gateway';
import { createStripeGateway } from './stripe/stripe-gateway';
import type { PaymentGateway } from './types';

export * from './types';
export { FAILURE_MESSAGES } from './failure-messages';
export { gatewayConfigFromEnv, gatewayEnvSchema, type GatewayConfig } from './config';
export { createSandboxGateway, type SandboxGatewayDeps } from './sandbox/sandbox-gateway';
export { createStripeGateway, type StripeGatewayOptions } from './stripe/stripe-gateway';

/** Stripe when a secret key is configured, otherwise the embedded sandbox for this tenant. */
export function gatewayFromConfig(
  config: GatewayConfig,
  deps: { db: Kysely<DB>; tenantId: string; clock: Clock },
): PaymentGateway {
  if (config.stripeSecretKey) {
    return createStripeGateway({
      secretKey: config.stripeSecretKey,
      host: config.stripeHost,
      port: config.stripePort,
      protocol: config.stripeProtocol,
    });
  }
  return createSandboxGateway(deps);
}
