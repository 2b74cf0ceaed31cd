import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { JobHandlers } from '../../jobs/runner';
import type { Logger } from '../../lib/logger';
import { nextPastDueRunAt, PAST_DUE_JOB, REBUILD_JOB, schedulePastDueRun } from './commands';
import { rebuildMovements, rederivePastDueCustomers } from './rebuild';
import { findSettings, saveRebuildProgress } from './settings-repo';

/**
 * Analytics' background work: the rebuild staff or a changed setting asked for (with its
 * progress on the settings row), and the daily run that materialises the past-due setting's
 * deadlines that passed since (for customers no write touched; a write does it for its own) —
 * both deriving only customers with a past-due state when nothing else can have changed.
 */
export function analyticsJobHandlers(services: { db: Kysely<DB>; logger: Logger }): JobHandlers {
  const { db } = services;
  return {
    [REBUILD_JOB]: async (job, now) => {
      try {
        const rebuild = job.payload.scope === 'past_due' ? rederivePastDueCustomers : rebuildMovements;
        const outcome = await rebuild(db, job.tenantId, now, (done, total) =>
          saveRebuildProgress(db, job.tenantId, { done, total }, now),
        );
        await saveRebuildProgress(
          db,
          job.tenantId,
          { status: 'idle', rebuiltAt: now, differences: outcome.differences },
          now,
        );
        services.logger.info({ tenantId: job.tenantId, ...outcome }, 'analytics rebuilt');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await saveRebuildProgress(db, job.tenantId, { status: 'failed', error: message }, now);
        throw error;
      }
    },
    [PAST_DUE_JOB]: async (job, now) => {
      const settings = await findSettings(db, job.tenantId);
      // The setting was turned off since: its rebuild already removed the deadlines' movements.
      if (settings.pastDueChurnDays === null) return;
      const outcome = await rederivePastDueCustomers(db, job.tenantId, now);
      if (outcome.differences > 0) {
        services.logger.info({ tenantId: job.tenantId, ...outcome }, 'past-due deadlines materialised');
      }
      await schedulePastDueRun(db, job.tenantId, nextPastDueRunAt(now), now);
    },
  };
}
