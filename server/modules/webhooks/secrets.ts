import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../shared/ids';
import { SECRET_OVERLAP_MS, type SecretOverlap } from '../../../shared/webhooks/schema';
import type { DB } from '../../db/schema';
import { scheduleJob } from '../../jobs/store';
import { secretBox, type SealedSecretTable } from '../../lib/secrets-at-rest';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * At most this many older secrets sign beside the current one: rolling again and again within
 * an overlap would otherwise grow every signature header without bound. The oldest go first.
 */
export const MAX_EXPIRING_SECRETS = 3;

/** The job that drops an endpoint's secrets once they have expired (at their expiry time). */
export const SECRET_EXPIRY_JOB = 'webhooks.secret_expiry';

export const hintOf = (secret: string) => secret.slice(-4);

/**
 * Secrets are stored sealed (server/lib/secret-box.ts), each bound to its row's id so a value
 * copied into another row does not open; opened only to sign or to show a hint.
 */
export const WEBHOOK_SECRET_TABLE = 'webhook_secrets';
export const webhookSecretContext = (rowId: string) => `${WEBHOOK_SECRET_TABLE}:${rowId}`;
export const sealWebhookSecret = (rowId: string, secret: string) =>
  secretBox().seal(secret, webhookSecretContext(rowId));
export const openWebhookSecret = (row: { id: string; secret: string }) =>
  secretBox().open(row.secret, webhookSecretContext(row.id));

/** The table for the start step that seals and reseals it. */
export const webhookSecretTable: SealedSecretTable<Transaction<DB>> = {
  table: WEBHOOK_SECRET_TABLE,
  rows: (trx) => trx.selectFrom('webhook_secrets').select(['id as key', 'secret']).execute(),
  write: async (trx, key, secret) => {
    await trx.updateTable('webhook_secrets').set({ secret }).where('id', '=', key).execute();
  },
  context: webhookSecretContext,
};

/** A live secret of an endpoint: the current one, or an older one until `expiresAt`. */
export interface LiveSecret {
  secret: string;
  expiresAt: number | null;
}

/** Secrets that sign at `now`, the current one first, then the older ones newest first. */
export async function liveSecrets(db: Db, endpointId: string, now: number): Promise<LiveSecret[]> {
  const rows = await db
    .selectFrom('webhook_secrets')
    .select(['id', 'secret', 'expires_at'])
    .where('endpoint_id', '=', endpointId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy((eb) => eb.case().when('expires_at', 'is', null).then(0).else(1).end())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ secret: openWebhookSecret(r), expiresAt: r.expires_at }));
}

/**
 * The older secrets still signing at `now`, as the endpoint row keeps them for the console
 * (hint and expiry, never the secret; JSON, null for none).
 */
export async function expiringSecretsColumn(db: Db, endpointId: string, now: number): Promise<string | null> {
  const rows = await db
    .selectFrom('webhook_secrets')
    .select(['id', 'secret', 'expires_at'])
    .where('endpoint_id', '=', endpointId)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .execute();
  if (rows.length === 0) return null;
  return JSON.stringify(rows.map((r) => ({ hint: hintOf(openWebhookSecret(r)), expires_at: r.expires_at })));
}

export async function insertSecret(
  db: Db,
  endpoint: { id: string; tenant_id: string },
  secret: string,
  now: number,
): Promise<void> {
  const id = newId('whs', now);
  await db
    .insertInto('webhook_secrets')
    .values({
      id,
      endpoint_id: endpoint.id,
      tenant_id: endpoint.tenant_id,
      secret: sealWebhookSecret(id, secret),
      created_at: now,
      expires_at: null,
    })
    .execute();
}

/** Forgets the endpoint's secrets that expired by `now` (they sign nothing any more). */
export async function dropExpiredSecrets(db: Db, tenantId: string, endpointId: string, now: number) {
  await db
    .deleteFrom('webhook_secrets')
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .where('expires_at', '<=', now)
    .execute();
}

/**
 * Makes `secret` the endpoint's current secret. The one it replaces keeps signing for
 * `overlap` (dropped at once for `now`); secrets already expiring keep their own expiry
 * unless that is later, and beyond MAX_EXPIRING_SECRETS the oldest are dropped. A job
 * drops the replaced secret at its expiry.
 */
export async function rollSecret(
  trx: Transaction<DB>,
  endpoint: { id: string; tenant_id: string },
  secret: string,
  overlap: SecretOverlap,
  now: number,
): Promise<void> {
  const expiresAt = now + SECRET_OVERLAP_MS[overlap];
  await trx
    .updateTable('webhook_secrets')
    .set({ expires_at: expiresAt })
    .where('tenant_id', '=', endpoint.tenant_id)
    .where('endpoint_id', '=', endpoint.id)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', expiresAt)]))
    .execute();
  await dropExpiredSecrets(trx, endpoint.tenant_id, endpoint.id, now);
  const older = await trx
    .selectFrom('webhook_secrets')
    .select('id')
    .where('endpoint_id', '=', endpoint.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(MAX_EXPIRING_SECRETS)
    .limit(1000)
    .execute();
  if (older.length > 0) {
    await trx
      .deleteFrom('webhook_secrets')
      .where(
        'id',
        'in',
        older.map((r) => r.id),
      )
      .execute();
  }
  await insertSecret(trx, endpoint, secret, now);
  if (overlap !== 'now') {
    await scheduleJob(
      trx,
      {
        tenantId: endpoint.tenant_id,
        kind: SECRET_EXPIRY_JOB,
        runAt: expiresAt,
        payload: { endpointId: endpoint.id },
        dedupeKey: `${SECRET_EXPIRY_JOB}:${endpoint.id}:${expiresAt}`,
        testClockId: null,
      },
      now,
    );
  }
}
