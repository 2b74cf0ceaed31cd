import type { Kysely } from 'kysely';
import type { GatewayProvider } from '../../gateways/types';
import type { Actor, CommandScope } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';

/** What the webhooks commands need of a request: the checked tenant and actor, and the backend's services. */
export interface WebhooksContext {
  db: Kysely<DB>;
  clock: Clock;
  gateways: GatewayProvider;
  tenantId: string;
  actor: Actor;
}

/** Who acts when deliveries disable a failing endpoint. */
export const WEBHOOKS_ACTOR: Actor = { userId: null, name: 'Webhooks', client: 'system:webhooks' };

export const commandScope = (ctx: WebhooksContext): CommandScope => ({
  db: ctx.db,
  clock: ctx.clock,
  tenantId: ctx.tenantId,
  actor: ctx.actor,
});

/**
 * True when the tenant's payments go through the sandbox gateway: only then may its
 * endpoints use plain http and private addresses (local receivers, tests).
 */
export function inSandbox(gateways: GatewayProvider, tenantId: string): boolean {
  return gateways.forTenant(tenantId).name === 'sandbox';
}
