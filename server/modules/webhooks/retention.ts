import type { Kysely, Transaction } from 'kysely';
import { WEBHOOK_LOG_RETENTION_DAYS } from '../../../shared/webhooks/schema';
import type { DB } from '../../db/schema';
import type { JobHandlers } from '../../jobs/runner';
import { scheduleJob } from '../../jobs/store';
import { yieldToIo } from '../../lib/loop';
import { runCommand } from '../../commands/run-command';
import type { Clock } from '../../lib/clock';
import { pruneDeliveryBatch, pruneEventBatch } from './cleanup-repo';
import { endpointSnapshot, findEndpointRow } from './endpoint-repo';
import { WEBHOOKS_ACTOR } from './scope';
import { dropExpiredSecrets, expiringSecretsColumn, SECRET_EXPIRY_JOB } from './secrets';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long deliveries, their attempts and their events are kept, counted from when a delivery settled. */
export const LOG_RETENTION_MS = WEBHOOK_LOG_RETENTION_DAYS * DAY_MS;

/** The daily job that prunes one workspace's delivery log. */
export const PRUNE_JOB = 'webhooks.prune';

/** Rows per delete: small enough that requests sharing the thread wait little for each. */
export const PRUNE_BATCH = 500;

/** Schedules the workspace's prune for `runAt` (once per day: the day names the job). */
export async function schedulePrune(
  db: Kysely<DB> | Transaction<DB>,
  tenantId: string,
  runAt: number,
  now: number,
) {
  await scheduleJob(
    db,
    {
      tenantId,
      kind: PRUNE_JOB,
      runAt,
      payload: {},
      dedupeKey: `${PRUNE_JOB}:${tenantId}:${Math.floor(runAt / DAY_MS)}`,
      testClockId: null,
    },
    now,
  );
}

/**
 * Deletes what the retention drops, in batches of PRUNE_BATCH, each its own short transaction,
 * yielding to requests between them: deliveries settled more than 30 days ago (or pending that
 * long: only a disabled endpoint holds one) with their attempts, then events no delivery
 * references (each object's latest stays, so its sequence keeps counting up). Returns how many
 * rows of each went.
 */
export async function pruneWebhookLog(db: Kysely<DB>, tenantId: string, now: number) {
  const cutoff = now - LOG_RETENTION_MS;
  const pruned = { attempts: 0, deliveries: 0, events: 0 };
  for (;;) {
    const batch = await pruneDeliveryBatch(db, tenantId, cutoff, PRUNE_BATCH);
    pruned.attempts += batch.attempts;
    pruned.deliveries += batch.deliveries;
    if (batch.deliveries < PRUNE_BATCH) break;
    await yieldToIo();
  }
  // Events are walked once in id (time) order: those kept are not looked at again.
  for (let after: string | null = ''; after !== null;) {
    const batch = await pruneEventBatch(db, tenantId, cutoff, after, PRUNE_BATCH);
    pruned.events += batch.events;
    after = batch.nextAfter;
    if (after !== null) await yieldToIo();
  }
  return pruned;
}

/**
 * Forgets an endpoint's expired secrets and takes them off its row, audited as Tollgate's
 * (one transaction; nothing when none had expired, e.g. a second run).
 */
async function expireSecrets(
  services: { db: Kysely<DB>; clock: Clock },
  tenantId: string,
  endpointId: string,
) {
  const scope = { ...services, tenantId, actor: WEBHOOKS_ACTOR };
  await runCommand(scope, 'webhook_endpoint.secret_expired', async (trx, now) => {
    await dropExpiredSecrets(trx, tenantId, endpointId, now);
    const current = await findEndpointRow(trx, tenantId, endpointId);
    if (!current) return { result: null, changes: [] };
    const expiring = await expiringSecretsColumn(trx, endpointId, now);
    if (expiring === current.expiring_secrets) return { result: null, changes: [] };
    const next = { ...current, expiring_secrets: expiring };
    await trx
      .updateTable('webhook_endpoints')
      .set({ expiring_secrets: expiring })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', endpointId)
      .execute();
    return {
      result: null,
      changes: [
        {
          entityType: 'webhook_endpoint',
          entityId: endpointId,
          before: endpointSnapshot(current),
          after: endpointSnapshot(next),
        },
      ],
    };
  });
}

async function hasEndpoints(db: Kysely<DB>, tenantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The webhooks' jobs on the job runner: the daily prune (which schedules the next day's while
 * the workspace has endpoints; making one schedules it again) and dropping expired secrets.
 */
export function webhooksJobHandlers(services: { db: Kysely<DB>; clock: Clock }): JobHandlers {
  const { db } = services;
  return {
    [PRUNE_JOB]: async (job, now) => {
      await pruneWebhookLog(db, job.tenantId, now);
      if (await hasEndpoints(db, job.tenantId)) await schedulePrune(db, job.tenantId, now + DAY_MS, now);
    },
    [SECRET_EXPIRY_JOB]: (job) => expireSecrets(services, job.tenantId, String(job.payload.endpointId)),
  };
}
