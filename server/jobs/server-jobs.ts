import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { scheduleJob } from './store';

/**
 * Schedules work that belongs to the whole server (a backup, the housekeeping), not to a
 * workspace. Jobs belong to a tenant (jobs.tenant_id), so it rides on the oldest tenant's id,
 * which names no data it touches; before any workspace exists there is nothing to do. The slot
 * of `everyMs` that `runAt` falls in names the job, so instances starting together schedule it once.
 */
export async function scheduleServerJob(
  db: Kysely<DB>,
  job: { kind: string; runAt: number; everyMs: number },
  now: number,
): Promise<void> {
  const carrier = await db
    .selectFrom('tenants')
    .select('id')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!carrier) return;
  await scheduleJob(
    db,
    {
      tenantId: carrier.id,
      kind: job.kind,
      runAt: job.runAt,
      payload: {},
      dedupeKey: `${job.kind}:${Math.floor(job.runAt / job.everyMs)}`,
      testClockId: null,
    },
    now,
  );
}
