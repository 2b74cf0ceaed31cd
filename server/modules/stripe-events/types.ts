import type Stripe from 'stripe';
import type { Kysely } from 'kysely';
import type { GatewayProvider } from '../../gateways/types';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';

/**
 * The contract between the webhook inbox (which stores, dedupes, retries and dead-letters
 * events) and the handlers that apply them (the Stripe Billing mirror, payments, cards).
 */

export interface StripeEventContext {
  db: Kysely<DB>;
  tenantId: string;
  gateways: GatewayProvider;
  clock: Clock;
  logger: Logger;
}

/**
 * applied: the event changed (or confirmed) local state; ignored: a type or object we do not
 * act on; stale: an older snapshot than the one already applied (out-of-order delivery).
 */
export type StripeEventOutcome = 'applied' | 'ignored' | 'stale';

/** Applies one event. Must be idempotent: the inbox may run an event again after a crash. */
export type StripeEventHandler = (
  context: StripeEventContext,
  event: Stripe.Event,
) => Promise<StripeEventOutcome>;

export type StripeEventHandlers = Readonly<Partial<Record<string, StripeEventHandler>>>;
