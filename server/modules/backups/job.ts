import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { JobHandlers } from '../../jobs/runner';
import { scheduleServerJob } from '../../jobs/server-jobs';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { BackupRuntime } from '../../trpc/context';
import { newestBackupAt } from './store';
import { takeVerifiedBackup } from './take';

/** What a server that takes backups knows: its database and the backup settings (a port of server/trpc). */
export type { BackupRuntime };

interface BackupServices {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  backups?: BackupRuntime;
}

/** The scheduled backup on the job runner. */
export const BACKUP_JOB = 'backups.run';

/** After a start with no backup due sooner: long enough that a start is not slowed by one. */
export const FIRST_BACKUP_DELAY_MS = 5 * 60 * 1000;

/** The backup running in this process, if any: one at a time, and a shutdown waits for it. */
const inFlight = new WeakMap<BackupRuntime, Promise<unknown>>();

/** Schedules the backup at `runAt`: one per interval, whichever instance asks first. */
function scheduleBackupAt(db: Kysely<DB>, intervalMs: number, runAt: number, now: number) {
  return scheduleServerJob(db, { kind: BACKUP_JOB, runAt, everyMs: intervalMs }, now);
}

/**
 * At start: schedules the next backup unless one is already pending, one interval after the
 * newest recorded backup, but no sooner than FIRST_BACKUP_DELAY_MS from now.
 */
export async function scheduleBackups(services: BackupServices): Promise<void> {
  const intervalMs = services.backups?.settings.intervalMs ?? null;
  if (intervalMs === null) return;
  const pending = await services.db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', BACKUP_JOB)
    .where('status', 'in', ['pending', 'running'])
    .limit(1)
    .executeTakeFirst();
  if (pending) return;
  const now = services.clock.now();
  const newest = await newestBackupAt(services.db);
  const runAt = Math.max(now + FIRST_BACKUP_DELAY_MS, newest === null ? 0 : newest + intervalMs);
  await scheduleBackupAt(services.db, intervalMs, runAt, now);
}

/** Waits for the backup this process is taking, if any (a shutdown calls it before closing the database). */
export async function backupsIdle(services: BackupServices): Promise<void> {
  const running = services.backups && inFlight.get(services.backups);
  if (running) await running;
}

/**
 * Takes a backup now, in the background: the job runner runs one job at a time, and a backup
 * of a large database takes minutes that renewals should not wait (nor outlast the job's
 * lease). Its outcome is the `backups` row; a second call while one runs does nothing.
 */
export function startBackup(services: BackupServices): Promise<unknown> {
  const runtime = services.backups;
  if (!runtime) throw new Error('this backend takes no backups (no backup settings)');
  const running = inFlight.get(runtime);
  if (running) return running;
  const backup = takeVerifiedBackup(services, runtime.source, runtime.settings)
    .catch((error: unknown) => services.logger.error({ err: error }, 'recording a backup failed'))
    .finally(() => inFlight.delete(runtime));
  inFlight.set(runtime, backup);
  return backup;
}

/** The scheduled backup: schedules the next one, then starts this one. */
export function backupJobHandlers(services: BackupServices): JobHandlers {
  return {
    [BACKUP_JOB]: async (_job, now) => {
      const intervalMs = services.backups?.settings.intervalMs ?? null;
      if (intervalMs !== null) await scheduleBackupAt(services.db, intervalMs, now + intervalMs, now);
      void startBackup(services);
    },
  };
}
