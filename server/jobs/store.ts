import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { newId } from '../../shared/ids';
import { dialectOf } from '../db/dialect';
import type { DB } from '../db/schema';
import type { AfterFailure } from '../lib/retry-policy';

type Db = Kysely<DB> | Transaction<DB>;

/** A unit of time-driven work: a renewal, a trial end, a payment to reconcile… */
export interface JobSpec {
  tenantId: string;
  kind: string;
  runAt: number;
  payload: Record<string, unknown>;
  /**
   * Names the work, not the attempt: scheduling the same key twice keeps the first, so
   * "renew sub_1 at the end of period 7" exists once however often it is scheduled.
   */
  dedupeKey: string;
  /** Jobs of a customer on a test clock run when that clock is advanced, not by wall time. */
  testClockId: string | null;
}

export interface Job extends JobSpec {
  id: string;
  attempts: number;
}

/** Schedules work in the caller's transaction, so it exists exactly when the change that needs it does. */
export async function scheduleJob(db: Db, spec: JobSpec, now: number): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: newId('job', now),
      tenant_id: spec.tenantId,
      kind: spec.kind,
      run_at: spec.runAt,
      payload: JSON.stringify(spec.payload),
      status: 'pending',
      dedupe_key: spec.dedupeKey,
      test_clock_id: spec.testClockId,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Cancels pending jobs whose dedupe key starts with `prefix` (e.g. everything for one subscription). */
export async function cancelPendingJobs(
  db: Db,
  tenantId: string,
  prefix: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'canceled', updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'pending')
    .where(sql<boolean>`substr(dedupe_key, 1, ${prefix.length}) = ${prefix}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function toJob(row: Selectable<DB['jobs']>): Job {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    runAt: row.run_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    dedupeKey: row.dedupe_key,
    testClockId: row.test_clock_id,
    attempts: row.attempts,
  };
}

/**
 * Claims the earliest due job (on the given clock) with a lease, or one whose lease ran
 * out because its runner died. The lease is wall time, whatever clock the job runs on.
 */
export async function claimNextJob(
  db: Kysely<DB>,
  options: {
    dueBy: number;
    testClockId: string | null;
    wallNow: number;
    leaseUntil: number;
    /** Who claims it (host:pid), shown while it runs so an operator knows which instance holds it. */
    holder: string;
  },
): Promise<Job | undefined> {
  const clock = options.testClockId;
  const row = await db
    .updateTable('jobs')
    .set({
      status: 'running',
      lease_until: options.leaseUntil,
      lease_holder: options.holder,
      attempts: sql`attempts + 1`,
      updated_at: options.wallNow,
    })
    .where(
      'id',
      '=',
      db
        .selectFrom('jobs')
        .select('id')
        .where((eb) => (clock === null ? eb('test_clock_id', 'is', null) : eb('test_clock_id', '=', clock)))
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', options.dueBy)]),
            eb.and([eb('status', '=', 'running'), eb('lease_until', '<', options.wallNow)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        // Two instances claiming at once take different jobs (PostgreSQL; SQLite has one writer).
        .$if(dialectOf(db) === 'postgres', (qb) => qb.forUpdate('jobs').skipLocked()),
    )
    .returningAll()
    .executeTakeFirst();
  return row && toJob(row);
}

export async function completeJob(db: Kysely<DB>, id: string, wallNow: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', lease_until: null, lease_holder: null, updated_at: wallNow })
    .where('id', '=', id)
    .execute();
}

/** Puts a failed job back for a later attempt, or gives up on it, as the retry policy decided. */
export async function failJob(
  db: Kysely<DB>,
  job: Job,
  error: string,
  next: AfterFailure,
  wallNow: number,
): Promise<'retrying' | 'failed'> {
  await db
    .updateTable('jobs')
    .set({
      status: next.giveUp ? 'failed' : 'pending',
      run_at: next.giveUp ? job.runAt : next.retryAt,
      lease_until: null,
      lease_holder: null,
      last_error: error.slice(0, 2000),
      updated_at: wallNow,
    })
    .where('id', '=', job.id)
    .execute();
  return next.giveUp ? 'failed' : 'retrying';
}

/**
 * When the next job on a clock (null: wall time) is due by `dueBy`, for stepping a clock
 * through its jobs in order so each runs at its own moment.
 */
export async function nextDueTime(
  db: Db,
  testClockId: string | null,
  dueBy: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select('run_at')
    .where((eb) =>
      testClockId === null ? eb('test_clock_id', 'is', null) : eb('test_clock_id', '=', testClockId),
    )
    .where('status', '=', 'pending')
    .where('run_at', '<=', dueBy)
    .orderBy('run_at')
    .limit(1)
    .executeTakeFirst();
  return row?.run_at;
}
