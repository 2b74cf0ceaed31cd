import type { Kysely } from 'kysely';
import type { DB } from '../../../server/db/schema';
import { gatewayProvider } from '../../../server/gateways/provider';
import { yieldToIo } from '../../../server/lib/loop';
import { verifyAuditChain } from '../../../server/modules/audit';
import { createWebhookReceiver, processDueStripeEvents } from '../../../server/modules/stripe-events';
import { stripeBillingHandlers } from '../../../server/modules/stripe-billing';
import { createTestWorld } from '../../../server/testing/world.test-kit';
import type { FakeStripe } from '../../fakes/stripe';
import type { StripeEvent } from '../../fakes/stripe/events';
import { signedDelivery } from '../../fakes/stripe/webhooks';
import {
  fetchedObjects,
  inboxOf,
  mirroredRefs,
  mirroredSubscriptions,
  subscriptionLedgers,
  type InboxEvent,
  type MirroredRefs,
  type MirroredSubscription,
  type SubscriptionLedger,
} from './mirrored-state';

/** Everything the mirror left in one database, for comparing two runs. */
export interface MirrorOutcome {
  subscriptions: MirroredSubscription[];
  refs: MirroredRefs;
  ledgers: Map<string, SubscriptionLedger>;
  inbox: InboxEvent[];
  /** Subscriptions whose state was last set by fetching them from Stripe. */
  fetched: string[];
  /** Whether the tenant's hash-chained audit trail verifies, entry by entry. */
  auditChainIntact: boolean;
}

/** Reads what the mirror left for `tenantId`, on either database. */
export async function readOutcome(db: Kysely<DB>, tenantId: string): Promise<MirrorOutcome> {
  const chain = await verifyAuditChain(db, tenantId);
  return {
    subscriptions: await mirroredSubscriptions(db, tenantId),
    refs: await mirroredRefs(db, tenantId),
    ledgers: await subscriptionLedgers(db, tenantId),
    inbox: await inboxOf(db, tenantId),
    fetched: await fetchedObjects(db, tenantId),
    auditChainIntact: chain.ok && chain.checked > 0,
  };
}

/** Deliveries the reference has in flight at once: as many as the crashed run's. */
const RECEIVING_IN_FLIGHT = 64;

/**
 * The reference: the same events, each delivered once in Stripe's order, through the same
 * receiver, processor and mirror handlers, in process on a fresh database whose gateway
 * is the same Stripe fake. Its database is the test project's (in-memory SQLite, or a
 * PostgreSQL database of its own in integration-pg).
 */
export async function inOrderRun(
  events: StripeEvent[],
  fake: FakeStripe,
  secret: string,
): Promise<MirrorOutcome> {
  const world = await createTestWorld();
  try {
    const tenantId = world.tenants.A.id;
    await world.as('owner', tenantId).stripeEvents.setSecret({ secret });
    const { db, dialect } = world.database;
    const sqlite = dialect === 'sqlite' ? world.database.sqlite : null;
    const receiver = createWebhookReceiver({ db, sqlite, clock: world.clock });
    const ordered = [...events].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
    const receive = async (event: StripeEvent) => {
      const { body, headers } = signedDelivery(event, secret, {
        timestamp: Math.floor(world.clock.now() / 1000),
      });
      const receipt = await receiver.receive(tenantId, Buffer.from(body), headers['stripe-signature']);
      if (receipt.outcome !== 'stored') throw new Error(`in-order delivery ${event.id}: ${receipt.outcome}`);
    };
    // In Stripe's order, RECEIVING_IN_FLIGHT at a time: the processor takes them by Stripe's
    // time whatever order they were stored in, and on PostgreSQL the receiver stores the
    // deliveries in flight in one round trip (one by one, receiving was a quarter of the
    // reference's time on PostgreSQL, the reference being the scale-out test's longer half).
    for (let start = 0; start < ordered.length; start += RECEIVING_IN_FLIGHT) {
      await Promise.all(ordered.slice(start, start + RECEIVING_IN_FLIGHT).map(receive));
      // better-sqlite3 answers synchronously: without this the loop holds this process for
      // its whole length, and with it the fake Stripe the server asks and the test runner's
      // messages (vitest gives up on a worker silent for a minute).
      await yieldToIo();
    }
    const gateways = gatewayProvider(
      {
        stripeSecretKey: fake.secretKey,
        stripeHost: fake.host,
        stripePort: fake.port,
        stripeProtocol: 'http',
      },
      db,
      world.clock,
    );
    // One pass takes them oldest Stripe time first: each is applied in order.
    const ran = await processDueStripeEvents(
      { db, clock: world.clock, logger: world.services.logger, gateways, handlers: stripeBillingHandlers() },
      events.length,
    );
    if (ran !== events.length) throw new Error(`the in-order pass ran ${ran} of ${events.length} events`);
    return await readOutcome(db, tenantId);
  } finally {
    await world.close();
  }
}
