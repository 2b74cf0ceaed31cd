import type { Server } from 'node:http';
import { close, createHttpServer, listen } from '../../http/server';
import { appRouter } from '../../api/router';
import { createContext } from '../../api/context';
import type { TestWorld } from '../../testing/world';
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
      createContext({ services: world.services, principal: null, client: { kind: 'test', id: 'webhooks' } }),
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
