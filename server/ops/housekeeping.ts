import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect';
import { pruneExpiredSessions } from '../auth/session-prune';
import type { DB } from '../db/schema';
import { pruneKeys } from '../hosted/rest/idempotency';
import type { JobHandlers } from '../jobs/runner';
import { scheduleServerJob } from '../jobs/server-jobs';
import { yieldToIo } from '../lib/loop';
import { pruneSentEmails } from '../modules/emails/prune';
import { reportPruned } from './pruned-rows';
import type { Logger } from '../lib/logger';
import { HOUSEKEEPING_AT_UTC_MS, HOUSEKEEPING_EVERY_MS, PRUNE_BATCH, RETENTION } from './retention';

/**
 * The daily housekeeping job: prunes expired sign-ins, old sent emails and used REST
 * idempotency keys (retention.ts says how old), in batches, each its own statement, then
 * refreshes SQLite's planner statistics. It is a
 * job like any other (retried, leased, one instance runs it), at 03:00 UTC, scheduled by the
 * hosted server's start and then by each run; the day names it, so instances never double it.
 * Jobs belong to a workspace: this one is filed under the oldest, and prunes for all.
 */

export const HOUSEKEEPING_JOB = 'ops.housekeeping';

export interface Pruned {
  sessions: number;
  email_outbox: number;
  rest_idempotency_keys: number;
}

/** Sign-ins whose tokens all expired long enough ago, `batch` families per statement. */
async function pruneSessions(db: Kysely<DB>, cutoff: number, batch: number): Promise<number> {
  let rows = 0;
  for (;;) {
    const pruned = await pruneExpiredSessions(db, cutoff, batch);
    reportPruned(db, 'sessions', pruned.rows);
    rows += pruned.rows;
    if (pruned.families < batch) return rows;
    await yieldToIo();
  }
}

/** Each workspace's old sent emails (the outbox's indexes start with the workspace). */
async function pruneEmails(db: Kysely<DB>, cutoff: number, batch: number): Promise<number> {
  let rows = 0;
  const tenants = await db.selectFrom('tenants').select('id').orderBy('id').execute();
  for (const { id } of tenants) {
    for (;;) {
      const deleted = await pruneSentEmails(db, id, cutoff, batch);
      reportPruned(db, 'email_outbox', deleted);
      rows += deleted;
      await yieldToIo();
      if (deleted < batch) break;
    }
  }
  return rows;
}

/**
 * Keeps SQLite's planner statistics current as tables grow: `PRAGMA optimize` analyzes only
 * the tables whose statistics are stale, within SQLite's own limit. PostgreSQL's autovacuum
 * does the same there.
 */
async function refreshPlannerStatistics(db: Kysely<DB>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`PRAGMA optimize = 0x10002`.execute(db);
}

/** One pass of every prune, at `now`; returns the rows each table lost. */
export async function runHousekeeping(db: Kysely<DB>, now: number, batch = PRUNE_BATCH): Promise<Pruned> {
  const sessions = await pruneSessions(db, now - RETENTION.expiredSessionsMs, batch);
  const emails = await pruneEmails(db, now - RETENTION.sentEmailsMs, batch);
  const keys = await pruneKeys(db, now, batch);
  reportPruned(db, 'rest_idempotency_keys', keys);
  await refreshPlannerStatistics(db);
  return { sessions, email_outbox: emails, rest_idempotency_keys: keys };
}

/** Schedules the housekeeping run for `runAt`'s day (a no-op when it is scheduled, or when no workspace exists yet). */
export function scheduleHousekeeping(db: Kysely<DB>, runAt: number, now: number): Promise<void> {
  return scheduleServerJob(db, { kind: HOUSEKEEPING_JOB, runAt, everyMs: HOUSEKEEPING_EVERY_MS }, now);
}

/** The next run's time: the quiet hour (HOUSEKEEPING_AT_UTC_MS into a UTC day) after `now`. */
export function nextHousekeepingAt(now: number): number {
  const today = Math.floor(now / HOUSEKEEPING_EVERY_MS) * HOUSEKEEPING_EVERY_MS + HOUSEKEEPING_AT_UTC_MS;
  return today > now ? today : today + HOUSEKEEPING_EVERY_MS;
}

/** The job: one pass, logged, then the next day's run scheduled. */
export function housekeepingJobHandlers(services: { db: Kysely<DB>; logger: Logger }): JobHandlers {
  return {
    [HOUSEKEEPING_JOB]: async (_job, now) => {
      const pruned = await runHousekeeping(services.db, now);
      services.logger.info({ pruned }, 'housekeeping pruned old rows');
      await scheduleHousekeeping(services.db, nextHousekeepingAt(now), now);
    },
  };
}
