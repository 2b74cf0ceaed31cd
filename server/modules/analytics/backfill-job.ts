import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { JobHandlers } from '../../jobs/runner';
import { scheduleJob } from '../../jobs/store';
import type { Logger } from '../../lib/logger';
import { backfillMrrHistory } from './backfill';
import { saveRebuildProgress } from './settings-repo';

/**
 * The backfill as background work of the tenants' authority: scheduled when a server or a
 * standalone desktop starts (startAuthorityWork) for each workspace that has subscriptions
 * without value states; a connected desktop's replica never runs it (decision 135). Its
 * progress is the rebuild's on the settings row, so the Analytics settings page follows it.
 */

export const BACKFILL_JOB = 'analytics.backfill';

/** Workspaces with at least one subscription that has no value state. */
export async function tenantsNeedingBackfill(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .select('s.tenant_id')
    .distinct()
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('mrr_states as m')
            .select(sql`1`.as('one'))
            .whereRef('m.tenant_id', '=', 's.tenant_id')
            .whereRef('m.subscription_id', '=', 's.id'),
        ),
      ),
    )
    .orderBy('s.tenant_id')
    .execute();
  return rows.map((r) => r.tenant_id);
}

/**
 * Queues a backfill for each workspace that needs one. Two instances starting together may
 * both queue it: the second run finds nothing left (each batch locks its customers and reads
 * again what lacks states), so it writes nothing.
 */
export async function scheduleMrrBackfills(db: Kysely<DB>, now: number): Promise<number> {
  const tenants = await tenantsNeedingBackfill(db);
  for (const tenantId of tenants) {
    await scheduleJob(
      db,
      {
        tenantId,
        kind: BACKFILL_JOB,
        runAt: now,
        payload: {},
        dedupeKey: `${BACKFILL_JOB}:${tenantId}:${now}`,
        testClockId: null,
      },
      now,
    );
  }
  return tenants.length;
}

export function backfillJobHandlers(services: { db: Kysely<DB>; logger: Logger }): JobHandlers {
  const { db } = services;
  return {
    [BACKFILL_JOB]: async (job, now) => {
      try {
        await saveRebuildProgress(
          db,
          job.tenantId,
          { status: 'running', done: 0, total: 0, error: null },
          now,
        );
        const outcome = await backfillMrrHistory(db, job.tenantId, now, (_phase, done, total) =>
          saveRebuildProgress(db, job.tenantId, { done, total }, now),
        );
        // Not a check: the last rebuild's verdict (rebuiltAt, differences) stays as it was.
        await saveRebuildProgress(db, job.tenantId, { status: 'idle' }, now);
        services.logger.info({ tenantId: job.tenantId, ...outcome }, 'MRR history backfilled');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await saveRebuildProgress(db, job.tenantId, { status: 'failed', error: message }, now);
        throw error;
      }
    },
  };
}
