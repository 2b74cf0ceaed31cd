import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { GatewayProvider } from '../../gateways/types';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { startLoop, type Loop } from '../../lib/loop';
import { inboxEvent, insertInboxEvent } from './inbox';

export interface StripeEventPollerDeps {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  gateways: GatewayProvider;
}

/** Stripe's largest page. */
const PAGE_SIZE = 100;

/**
 * Stores one page of events and moves the cursor in the same transaction: a crash leaves
 * either both or neither, so the next poll neither skips nor (beyond dedupe) repeats.
 */
async function storePage(
  deps: StripeEventPollerDeps,
  tenantId: string,
  events: Stripe.Event[],
  cursor: string | null,
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    let stored = 0;
    // Oldest first, so received order follows Stripe's order within the page.
    for (const event of [...events].reverse()) {
      const row = inboxEvent(tenantId, event, JSON.stringify(event), 'events_api');
      if (await insertInboxEvent(trx, row, now)) stored++;
    }
    if (cursor) {
      await trx
        .insertInto('stripe_event_cursors')
        .values({ tenant_id: tenantId, last_event_id: cursor, updated_at: now })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_event_id: cursor, updated_at: now }))
        .execute();
    }
    return stored;
  });
}

/**
 * The first poll: everything Stripe still keeps (30 days), newest page first. Each page is
 * stored as it comes; the cursor (the newest event) is written only with the last page, so
 * an interrupted backfill starts again and its repeats are dropped as duplicates.
 */
async function backfill(deps: StripeEventPollerDeps, tenantId: string, stripe: Stripe): Promise<number> {
  let stored = 0;
  let newest: string | null = null;
  let startingAfter: string | undefined;
  for (;;) {
    const page = await stripe.events.list({ limit: PAGE_SIZE, starting_after: startingAfter });
    newest ??= page.data[0]?.id ?? null;
    const last = page.data.at(-1);
    stored += await storePage(deps, tenantId, page.data, page.has_more ? null : newest);
    if (!page.has_more || !last) return stored;
    startingAfter = last.id;
  }
}

/** Later polls: the pages just newer than the cursor, oldest page first, moving the cursor with each. */
async function readForward(
  deps: StripeEventPollerDeps,
  tenantId: string,
  stripe: Stripe,
  cursor: string,
): Promise<number> {
  let stored = 0;
  let endingBefore = cursor;
  for (;;) {
    const page = await stripe.events.list({ limit: PAGE_SIZE, ending_before: endingBefore });
    const newest = page.data[0];
    if (!newest) return stored;
    stored += await storePage(deps, tenantId, page.data, newest.id);
    if (!page.has_more) return stored;
    endingBefore = newest.id;
  }
}

/**
 * Reads the tenant's Stripe events list since its cursor into the inbox (a standalone
 * desktop cannot receive webhooks). Returns how many new events were stored; does nothing
 * for a tenant without a Stripe key.
 */
export async function pollStripeEvents(deps: StripeEventPollerDeps, tenantId: string): Promise<number> {
  const stripe = deps.gateways.stripeApi(tenantId);
  if (!stripe) return 0;
  const cursor = await deps.db
    .selectFrom('stripe_event_cursors')
    .select('last_event_id')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!cursor) return backfill(deps, tenantId, stripe);
  try {
    return await readForward(deps, tenantId, stripe, cursor.last_event_id);
  } catch (error) {
    // Stripe keeps events for 30 days: a cursor that old names nothing, so start over.
    if ((error as { code?: unknown }).code !== 'resource_missing') throw error;
    deps.logger.warn({ tenantId }, 'the Stripe events cursor has expired; reading all retained events');
    return backfill(deps, tenantId, stripe);
  }
}

/** Polls every active tenant with a Stripe key every `intervalMs` until stopped. */
export function startStripeEventPoller(deps: StripeEventPollerDeps, intervalMs = 30_000): Loop {
  let stopped = false;
  const pollAll = async () => {
    const tenants = await deps.db.selectFrom('tenants').select('id').where('status', '=', 'active').execute();
    for (const { id } of tenants) {
      if (stopped) return;
      await pollStripeEvents(deps, id).catch((error: unknown) =>
        // The message only: SDK errors carry request details that have no place in a log.
        deps.logger.warn(
          { tenantId: id, err: error instanceof Error ? error.message : String(error) },
          'reading Stripe events failed; will try again',
        ),
      );
    }
  };
  const loop = startLoop({
    name: 'Stripe event poller',
    logger: deps.logger,
    intervalMs,
    firstDelayMs: 0,
    pass: pollAll,
  });
  return {
    stop: () => {
      // Between tenants too, not only between passes.
      stopped = true;
      return loop.stop();
    },
  };
}
