import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Grants } from '../../shared/permissions';
import type { DB } from '../db/schema';
import type { GatewayName, PaymentGateway } from '../gateways/types';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';

/** Who is acting. Standalone mode makes the local owner; connected mode (later) a signed-in user. */
export interface Principal {
  userId: string;
  name: string;
  email: string;
  grants: Grants;
  /** The tenant the console opens in when the client names none. */
  defaultTenantId: string | null;
}

/** Which program sent the request, recorded in the audit trail. */
export interface ClientInfo {
  kind: 'desktop' | 'web' | 'hosted' | 'test' | 'system';
  id: string;
}

export type BackendMode = 'standalone' | 'connected' | 'offline';

/** The payment gateway of each tenant (Stripe with a configured key, else the sandbox). */
export interface GatewayProvider {
  readonly name: GatewayName;
  forTenant(tenantId: string): PaymentGateway;
  /**
   * The tenant's Stripe API client, or null when the tenant is on the sandbox. For what the
   * gateway interface does not cover: the Stripe Billing mirror, the events list, webhook
   * checks. Never log or serialise it: it holds the secret key.
   */
  stripeApi(tenantId: string): Stripe | null;
}

/** What every procedure may use, whatever the transport. */
export interface Services {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  mode: BackendMode;
  gateways: GatewayProvider;
}

export interface Context extends Services {
  principal: Principal | null;
  /** The tenant the client asked to work in; checked against the principal before use. */
  requestedTenantId: string | null;
  client: ClientInfo;
}

/** Builds a context without any transport: HTTP, IPC and tests all come through here. */
export function createContext(input: {
  services: Services;
  principal: Principal | null;
  requestedTenantId?: string | null;
  client: ClientInfo;
}): Context {
  return {
    ...input.services,
    principal: input.principal,
    requestedTenantId: input.requestedTenantId ?? null,
    client: input.client,
  };
}

/** Header names the console sends; the same on HTTP and over IPC. */
export const TENANT_HEADER = 'x-tollgate-tenant';
export const CLIENT_HEADER = 'x-tollgate-client';
