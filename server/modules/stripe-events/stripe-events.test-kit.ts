import type { Server } from 'node:http';
import type Stripe from 'stripe';
import { stripeEvent } from '../../../tests/fakes/stripe/webhooks';
import type { StripeEventStatus } from '../../db/schema-stripe-events';
import { close, createHttpServer, listen } from '../../http/server';
import { appRouter } from '../../app/router';
import { createContext } from '../../trpc/context';
import type { TestWorld } from '../../testing/world.test-kit';
import { inboxEvent, insertInboxEvent } from './inbox';
import { stripeWebhookRoutes } from './index';

/** A test world's backend over HTTP on 127.0.0.1 with the webhook route, for tests that post deliveries. */
export async function serveWebhooks(world: TestWorld): Promise<{
  url: string;
  endpoint(tenantId: string): string;
  stop(): Promise<void>;
}> {
  const server: Server = createHttpServer({
    router: appRouter,
    createContext: () =>
      createContext({
        services: world.services,
        principal: null,
        client: { kind: 'test', id: 'stripe-events' },
      }),
    logger: world.services.logger,
    publicRoutes: stripeWebhookRoutes({
      db: world.database.db,
      sqlite: world.database.sqlite,
      clock: world.clock,
      logger: world.services.logger,
    }),
  });
  const { url } = await listen(server, 0);
  return { url, endpoint: (tenantId) => `${url}/webhooks/stripe/${tenantId}`, stop: () => close(server) };
}

/** The inbox rows of a tenant, in Stripe time order, for assertions. */
export function inboxRows(world: TestWorld, tenantId: string) {
  return world.database.sqlite
    .prepare('SELECT * FROM stripe_events WHERE tenant_id = ? ORDER BY created, event_id')
    .all(tenantId) as {
    event_id: string;
    type: string;
    object_id: string | null;
    status: string;
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
    payload: string;
    source: string;
    received_at: number;
  }[];
}

/** Puts an event straight into a tenant's inbox with the given status, as if received and processed. */
export async function storeTestEvent(
  world: TestWorld,
  tenantId: string,
  options: { type: string; object: { id: string } & Record<string, unknown>; status?: StripeEventStatus },
): Promise<string> {
  const event = stripeEvent(options.type, options.object, { created: Math.floor(world.clock.now() / 1000) });
  await insertInboxEvent(
    world.database.db,
    inboxEvent(tenantId, event as unknown as Stripe.Event, JSON.stringify(event), 'webhook'),
    world.clock.now(),
  );
  if (options.status) {
    world.database.sqlite
      .prepare('UPDATE stripe_events SET status = ? WHERE tenant_id = ? AND event_id = ?')
      .run(options.status, tenantId, event.id);
  }
  return event.id;
}
