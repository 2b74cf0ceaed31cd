import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { JobHandlers } from '../../../jobs/runner';
import { scheduleServerJob } from '../../../jobs/server-jobs';
import type { Logger } from '../../../lib/logger';
import { sendFinancePack } from './pack';
import { closedMonth, nextFinancePackAt } from './schedule';

export const FINANCE_PACK_JOB = 'reports.finance-pack';
const DAY_MS = 86_400_000;

/** Schedules the run at `runAt` (the day names it, so instances starting together schedule it once). */
export function scheduleFinancePacks(db: Kysely<DB>, runAt: number, now: number): Promise<void> {
  return scheduleServerJob(db, { kind: FINANCE_PACK_JOB, runAt, everyMs: DAY_MS }, now);
}

/** Every workspace that named recipients gets the pack of the month that closed before the run's 1st. */
export async function runFinancePacks(db: Kysely<DB>, runAt: number, now: number): Promise<number> {
  const month = closedMonth(runAt);
  const workspaces = await db
    .selectFrom('analytics_settings')
    .select('tenant_id')
    .where('finance_pack_recipients', '!=', '[]')
    .orderBy('tenant_id')
    .execute();
  let queued = 0;
  for (const { tenant_id: tenantId } of workspaces) queued += await sendFinancePack(db, tenantId, month, now);
  return queued;
}

/** The monthly job: one pass (late if the server was down on the 1st: the month is the run's), then the next 1st. */
export function financePackJobHandlers(services: { db: Kysely<DB>; logger: Logger }): JobHandlers {
  return {
    [FINANCE_PACK_JOB]: async (job, now) => {
      const queued = await runFinancePacks(services.db, job.runAt, now);
      services.logger.info({ month: closedMonth(job.runAt), queued }, 'finance packs queued');
      await scheduleFinancePacks(services.db, nextFinancePackAt(job.runAt), now);
    },
  };
}
