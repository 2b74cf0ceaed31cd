import type { GatewayProvider } from '../../gateways/types';
import { createContext, type Services } from '../../trpc/context';
import { createCallerFactory, router } from '../../trpc/base';
import { silentLogger } from '../../lib/logger';
import type { Persona, TestWorld } from '../../testing/world.test-kit';
import type { DeliveryDeps } from './delivery';
import { runDueDeliveries } from './delivery';
import type { EndpointDisabledNotice, EndpointNotices } from './notices';
import { webhooksRouter } from './router';

const createCaller = createCallerFactory(router({ webhooks: webhooksRouter }));

/** The webhooks procedures as `persona`, in `tenantId` (default A), on `services` (default the world's). */
export function webhooksAs(world: TestWorld, persona: Persona, tenantId?: string, services?: Services) {
  return createCaller(
    createContext({
      services: services ?? world.services,
      principal: world.principals[persona],
      requestedTenantId: tenantId ?? world.tenants.A.id,
      client: { kind: 'test', id: persona },
    }),
  ).webhooks;
}

/** The world's gateways with every tenant outside the sandbox, as with a Stripe key configured. */
export function liveGateways(sandbox: GatewayProvider): GatewayProvider {
  return {
    ...sandbox,
    name: 'stripe',
    forTenant: (tenantId) => ({ ...sandbox.forTenant(tenantId), name: 'stripe' }),
  };
}

/** Notices kept in a list instead of emailed. */
export function recordingNotices(): EndpointNotices & { sent: EndpointDisabledNotice[] } {
  const sent: EndpointDisabledNotice[] = [];
  return {
    sent,
    endpointDisabled: (_trx, notice) => {
      sent.push(notice);
      return Promise.resolve();
    },
  };
}

export function deliveryDeps(
  world: TestWorld,
  notices: EndpointNotices,
  overrides: Partial<DeliveryDeps> = {},
) {
  return {
    db: world.database.db,
    clock: world.clock,
    logger: silentLogger,
    gateways: world.services.gateways,
    notices,
    timeoutMs: 3000,
    ...overrides,
  } satisfies DeliveryDeps;
}

/**
 * Sends until nothing is left to send, moving the world's clock to each next retry instead
 * of waiting for it: three days of backoff pass in a moment. Returns the rounds it took.
 */
export async function deliverUntilSettled(world: TestWorld, deps: DeliveryDeps): Promise<number> {
  for (let round = 1; round <= 500; round++) {
    await runDueDeliveries(deps);
    const next = await world.database.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select((eb) => eb.fn.min('d.next_attempt_at').as('at'))
      .where('d.status', '=', 'pending')
      .where('e.status', '=', 'enabled')
      // Only the first pending event of each object can be sent: the rest wait for it.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as earlier')
              .select('earlier.id')
              .whereRef('earlier.endpoint_id', '=', 'd.endpoint_id')
              .whereRef('earlier.object_id', '=', 'd.object_id')
              .whereRef('earlier.object_seq', '<', 'd.object_seq')
              .where('earlier.status', '=', 'pending'),
          ),
        ),
      )
      .executeTakeFirst();
    if (next?.at === null || next?.at === undefined) return round;
    if (next.at > world.clock.now()) world.clock.set(next.at);
  }
  throw new Error('webhook deliveries did not settle within 500 rounds');
}
