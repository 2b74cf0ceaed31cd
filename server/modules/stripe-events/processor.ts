import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { GatewayProvider } from '../../gateways/types';
import { isRetryableConflict } from '../../db/locks';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { startLoop, yieldToIo, type Loop } from '../../lib/loop';
import { afterFailure, leaseEnd, RETRY_POLICIES, type RetryPolicy } from '../../lib/retry-policy';
import { claimNextEvent, finishEvent, type ClaimedEvent, type Finish } from './queue';
import type { StripeEventHandlers, StripeEventOutcome } from './types';

export interface StripeEventProcessorOptions {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  gateways: GatewayProvider;
  /** Handlers by event type; a type without one is stored and marked ignored. */
  handlers: StripeEventHandlers;
  /** Backoff, dead-letter threshold and lease (default: `RETRY_POLICIES.stripeEvents`). */
  retry?: RetryPolicy;
}

const OUTCOME_STATUS: Record<StripeEventOutcome, 'processed' | 'ignored' | 'stale'> = {
  applied: 'processed',
  ignored: 'ignored',
  stale: 'stale',
};

const policyOf = (options: StripeEventProcessorOptions) => options.retry ?? RETRY_POLICIES.stripeEvents;

/**
 * How often a handler runs again at once when PostgreSQL rolled it back for a deadlock or a
 * serialization failure: two instances applying events of objects that share a customer or a
 * product take their locks in different orders, and one of them is chosen to lose. A conflict
 * is not the event's fault, so it is not spent as a failed attempt with its backoff.
 */
const CONFLICT_RUNS = 5;

async function runHandler(
  options: StripeEventProcessorOptions,
  claimed: ClaimedEvent,
  handler: NonNullable<StripeEventHandlers[string]>,
): Promise<StripeEventOutcome> {
  const event = JSON.parse(claimed.payload) as Stripe.Event;
  const context = {
    db: options.db,
    tenantId: claimed.tenantId,
    gateways: options.gateways,
    clock: options.clock,
    logger: options.logger,
  };
  for (let run = 1; ; run++) {
    try {
      return await handler(context, event);
    } catch (caught) {
      if (run >= CONFLICT_RUNS || !isRetryableConflict(caught)) throw caught;
      options.logger.info(
        { eventId: claimed.eventId, run },
        'Stripe event lost a lock conflict; running it again',
      );
    }
  }
}

async function apply(options: StripeEventProcessorOptions, claimed: ClaimedEvent): Promise<Finish> {
  const handler = options.handlers[claimed.type];
  if (!handler) return { status: 'ignored' };
  try {
    return { status: OUTCOME_STATUS[await runHandler(options, claimed, handler)] };
  } catch (caught) {
    const error = caught instanceof Error ? caught.message || caught.name : String(caught);
    options.logger.warn(
      { eventId: claimed.eventId, type: claimed.type, attempts: claimed.attempts, err: error },
      'Stripe event handler failed',
    );
    const next = afterFailure(claimed.attempts, policyOf(options), options.clock.now());
    return next.giveUp ? { status: 'dead', error } : { status: 'failed', error, retryAt: next.retryAt };
  }
}

/**
 * Processes due events one at a time, oldest Stripe time first, until none is due or
 * `limit` ran; returns how many. Deterministic for tests: one call is one pass.
 */
export async function processDueStripeEvents(
  options: StripeEventProcessorOptions,
  limit = 500,
  stopping?: AbortSignal,
): Promise<number> {
  let ran = 0;
  while (ran < limit && !stopping?.aborted) {
    // The endpoint shares this thread: let deliveries in between events, or they wait a whole pass.
    if (ran > 0) await yieldToIo();
    const now = options.clock.now();
    const claimed = await claimNextEvent(options.db, { now, leaseUntil: leaseEnd(now, policyOf(options)) });
    if (!claimed) break;
    const finish = await apply(options, claimed);
    const recorded = await finishEvent(options.db, claimed, finish, options.clock.now());
    if (!recorded) {
      options.logger.warn(
        { eventId: claimed.eventId },
        'Stripe event was taken over after its lease ran out',
      );
    }
    ran++;
  }
  return ran;
}

/** Runs passes every `intervalMs` until stopped; only the tenant's authority runs this. */
export function startStripeEventProcessor(options: StripeEventProcessorOptions, intervalMs = 1000): Loop {
  const batch = 500;
  return startLoop({
    name: 'Stripe event processor',
    logger: options.logger,
    intervalMs,
    pass: (stopping) => processDueStripeEvents(options, batch, stopping),
    // A full batch means a backlog: go on at once rather than after the interval.
    nextDelayMs: (ran) => (ran !== undefined && ran >= batch ? 0 : intervalMs),
  });
}
