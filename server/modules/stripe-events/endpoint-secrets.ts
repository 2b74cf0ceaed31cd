import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { openStripeSecret } from './sealed-secret';

/**
 * Tenants' webhook signing secrets as the PostgreSQL endpoint reads them: kept in process for
 * a few seconds, so a delivery costs one round trip (its insert) instead of two. A secret
 * read from here may be stale after a rotation on another instance; the receiver re-reads it
 * (`fresh`) before refusing a delivery, so a rotated secret is honoured at once everywhere and
 * the previous one stays accepted at most `ttlMs` longer (docs/decisions.md).
 */
export interface EndpointSecrets {
  /** The tenant's secret, from memory when read less than `ttlMs` ago (then `fromMemory`). */
  cached(tenantId: string): Promise<{ secret: string | undefined; fromMemory: boolean }>;
  /** The tenant's secret from the database, remembered for the next deliveries. */
  fresh(tenantId: string): Promise<string | undefined>;
}

/** How long a secret is trusted in process; tenant status and entitlements use the same (decision 112). */
export const ENDPOINT_SECRET_TTL_MS = 5_000;

/** Bounds the memory a flood of deliveries to many tenants can take; the oldest go first. */
const MAX_TENANTS = 10_000;

export function endpointSecrets(
  db: Kysely<DB>,
  clock: Clock,
  ttlMs = ENDPOINT_SECRET_TTL_MS,
): EndpointSecrets {
  const known = new Map<string, { secret: string; readAt: number }>();
  /** One read per tenant at a time for `cached`: a burst after expiry waits for the same query. */
  const reading = new Map<string, Promise<string | undefined>>();

  const read = async (tenantId: string): Promise<string | undefined> => {
    const readAt = clock.now();
    const row = await db
      .selectFrom('stripe_webhook_endpoints')
      .select('secret')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    known.delete(tenantId);
    // Stored sealed; only the opened value is kept, and only in this process's memory.
    const secret = row ? openStripeSecret(tenantId, row.secret) : undefined;
    // Only configured secrets are kept: an unknown tenant is never answered from memory.
    if (secret !== undefined) {
      known.set(tenantId, { secret, readAt });
      if (known.size > MAX_TENANTS) known.delete(known.keys().next().value as string);
    }
    return secret;
  };

  return {
    cached(tenantId) {
      const entry = known.get(tenantId);
      if (entry && clock.now() - entry.readAt < ttlMs) {
        return Promise.resolve({ secret: entry.secret, fromMemory: true });
      }
      // A read already in flight may have started before a rotation: joining it counts as memory.
      const inFlight = reading.get(tenantId);
      if (inFlight) return inFlight.then((secret) => ({ secret, fromMemory: true }));
      const started = read(tenantId).finally(() => reading.delete(tenantId));
      reading.set(tenantId, started);
      return started.then((secret) => ({ secret, fromMemory: false }));
    },
    // Its own query, never one already in flight: that one may have started before a rotation.
    fresh: read,
  };
}
