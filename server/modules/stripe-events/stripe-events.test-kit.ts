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
      sqlite: world.database.dialect === 'sqlite' ? world.database.sqlite : null,
      clock: world.clock,
      logger: world.services.logger,
    }),
  });
  const { url } = await listen(server, 0);
  return { url, endpoint: (tenantId) => `${url}/webhooks/stripe/${tenantId}`, stop: () => close(server) };
}

/** The inbox rows of a tenant, in Stripe time order, for assertions. */
export function inboxRows(world: TestWorld, tenantId: string) {
  return world.database.db
    .selectFrom('stripe_events')
    .select([
      'event_id',
      'type',
      'object_id',
      'status',
      'attempts',
      'next_attempt_at',
      'last_error',
      'payload',
      'source',
      'received_at',
    ])
    .where('tenant_id', '=', tenantId)
    .orderBy('created')
    .orderBy('event_id')
    .execute();
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
    await world.database.db
      .updateTable('stripe_events')
      .set({ status: options.status })
      .where('tenant_id', '=', tenantId)
      .where('event_id', '=', event.id)
      .execute();
  }
  return event.id;
}
