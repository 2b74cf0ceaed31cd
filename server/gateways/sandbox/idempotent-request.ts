import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { GatewayError } from '../types';

/** What a write asked for: the operation's name and its parameters, as the fingerprint sees them. */
export interface SandboxRequest {
  operation: string;
  params: unknown;
}

/** Stripe's limit, kept here so a key that works in the sandbox also works against Stripe. */
const MAX_KEY_LENGTH = 255;

/** JSON with object keys sorted, so the fingerprint does not depend on property order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function fingerprint(request: SandboxRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/**
 * Runs a sandbox write the way Stripe runs one with an Idempotency-Key: the first time,
 * `act` runs and its answer is stored with a fingerprint of the request, in the same
 * transaction as the write itself; the same key and request again returns the stored
 * answer without acting; the same key with another request is refused. A write that
 * throws stores nothing (its transaction rolls back), so asking again tries again.
 */
export async function runIdempotently<T>(
  options: { db: Kysely<DB>; tenantId: string; idempotencyKey: string; now: number; request: SandboxRequest },
  act: (trx: Transaction<DB>) => Promise<T> | T,
): Promise<T> {
  const { tenantId, idempotencyKey: key } = options;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new GatewayError(
      'invalid_request',
      `An idempotency key of 1 to ${MAX_KEY_LENGTH} characters is required`,
      false,
    );
  }
  const requestFingerprint = fingerprint(options.request);
  return options.db.transaction().execute(async (trx) => {
    const earlier = await trx
      .selectFrom('sandbox_requests')
      .select(['fingerprint', 'response'])
      .where('tenant_id', '=', tenantId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.fingerprint !== requestFingerprint) {
        throw new GatewayError(
          'idempotency',
          `Idempotency key "${key}" was already used for a different request; use a new key for a new request`,
          false,
        );
      }
      return (JSON.parse(earlier.response) as { result: T }).result;
    }
    const result = await act(trx);
    await trx
      .insertInto('sandbox_requests')
      .values({
        tenant_id: tenantId,
        idempotency_key: key,
        fingerprint: requestFingerprint,
        response: JSON.stringify({ result }),
        created_at: options.now,
      })
      .execute();
    return result;
  });
}
