import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { RetryPolicy } from '../../lib/retry-policy';
import type { StripeEventHandlers } from './types';
import { createWebhookReceiver } from './receiver';
import { stripeWebhookRoute, WEBHOOK_PATH_PREFIX } from './webhook-route';

export { stripeEventsRouter } from './router';
export {
  processDueStripeEvents,
  startStripeEventProcessor,
  type StripeEventProcessorOptions,
} from './processor';
export { pollStripeEvents, startStripeEventPoller, type StripeEventPollerDeps } from './poller';
export { createWebhookReceiver, type Receipt, type WebhookReceiver } from './receiver';
export { WEBHOOK_PATH_PREFIX } from './webhook-route';
export type * from './types';

/** How a backend takes in and applies Stripe events. */
export interface StripeEventsOptions {
  /** Read Stripe's events list for tenants with a Stripe key (default true): a desktop gets no webhooks. */
  poll?: boolean;
  /** Handlers by event type. */
  handlers?: StripeEventHandlers;
  /** Backoff, dead-letter threshold and lease (default `RETRY_POLICIES.stripeEvents`: 30 s doubling, 8 attempts, 60 s lease). */
  retry?: RetryPolicy;
}

/** The HTTP routes a backend serves for Stripe: POST /webhooks/stripe/<tenantId>. */
export function stripeWebhookRoutes(deps: {
  db: Kysely<DB>;
  sqlite: Database.Database | null;
  clock: Clock;
  logger: Logger;
}) {
  return { [WEBHOOK_PATH_PREFIX]: stripeWebhookRoute(createWebhookReceiver(deps), deps.logger) };
}
