import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { yieldToIo } from '../../lib/loop';
import { maskSecretShapes } from '../../trpc/secrets';
import type { DB } from '../../db/schema';

/**
 * Idempotent POSTs as Stripe has them. The first request with a key claims it (one insert:
 * of concurrent requests with the same key exactly one wins, the others are told it is in
 * progress); its answer is stored, and for 24 hours the same key with the same request
 * replays that answer (status and body) instead of acting again, while the same key with a
 * different request is refused. Answers of 400 (invalid, nothing done) and 5xx are not kept,
 * so a corrected request or a retry can use the key.
 * This module owns the table rest_idempotency_keys.
 */

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim whose request never answered (the process stopped mid-request) is taken over after this. */
const ABANDONED_AFTER_MS = 5 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface IdempotencyScope {
  tenantId: string;
  principalId: string;
  key: string;
}

export type Claim =
  | { kind: 'run' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

/** What identifies a request: its method, path and body, hashed. */
export function requestHash(method: string, path: string, body: Buffer): string {
  return createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
}

const where = (scope: IdempotencyScope) => ({
  tenant_id: scope.tenantId,
  principal_id: scope.principalId,
  idempotency_key: scope.key,
});

export async function claimKey(
  db: Kysely<DB>,
  scope: IdempotencyScope,
  hash: string,
  now: number,
): Promise<Claim> {
  const inserted = await db
    .insertInto('rest_idempotency_keys')
    .values({ ...where(scope), request_hash: hash, status: null, body: null, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows === 1n) return { kind: 'run' };
  const row = await db
    .selectFrom('rest_idempotency_keys')
    .select(['request_hash', 'status', 'body', 'created_at'])
    .where('tenant_id', '=', scope.tenantId)
    .where('principal_id', '=', scope.principalId)
    .where('idempotency_key', '=', scope.key)
    .executeTakeFirst();
  if (!row) return claimKey(db, scope, hash, now);
  const expired = row.created_at <= now - IDEMPOTENCY_TTL_MS;
  const abandoned = row.status === null && row.created_at <= now - ABANDONED_AFTER_MS;
  if (expired || abandoned) {
    // Taken over only if nobody else took it over first (compare and set on the old time).
    const taken = await db
      .updateTable('rest_idempotency_keys')
      .set({ request_hash: hash, status: null, body: null, created_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('principal_id', '=', scope.principalId)
      .where('idempotency_key', '=', scope.key)
      .where('created_at', '=', row.created_at)
      .executeTakeFirst();
    return taken.numUpdatedRows === 1n ? { kind: 'run' } : { kind: 'in_progress' };
  }
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  if (row.status === null || row.body === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: row.status, body: row.body };
}

/** Keeps the claimed request's answer for replays (secret-shaped text masked). */
export async function recordAnswer(
  db: Kysely<DB>,
  scope: IdempotencyScope,
  status: number,
  body: string,
): Promise<void> {
  await db
    .updateTable('rest_idempotency_keys')
    .set({ status, body: maskSecretShapes(body) })
    .where('tenant_id', '=', scope.tenantId)
    .where('principal_id', '=', scope.principalId)
    .where('idempotency_key', '=', scope.key)
    .execute();
}

/** Gives a claim back (the request failed on our side): the next try runs. */
export async function releaseKey(db: Kysely<DB>, scope: IdempotencyScope): Promise<void> {
  await db
    .deleteFrom('rest_idempotency_keys')
    .where('tenant_id', '=', scope.tenantId)
    .where('principal_id', '=', scope.principalId)
    .where('idempotency_key', '=', scope.key)
    .where('status', 'is', null)
    .execute();
}

/** Forgets keys older than 24 hours; returns how many. */
/**
 * Deletes keys older than IDEMPOTENCY_TTL_MS, `batch` rows per statement (each its own short
 * transaction, requests let in between); returns how many went.
 */
export async function pruneKeys(db: Kysely<DB>, now: number, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`
      DELETE FROM rest_idempotency_keys
      WHERE (tenant_id, principal_id, idempotency_key) IN (
        SELECT tenant_id, principal_id, idempotency_key FROM rest_idempotency_keys
        WHERE created_at <= ${now - IDEMPOTENCY_TTL_MS}
        LIMIT ${batch}
      )`.execute(db);
    const deleted = Number(result.numAffectedRows ?? 0);
    total += deleted;
    if (deleted < batch) return total;
    await yieldToIo();
  }
}
