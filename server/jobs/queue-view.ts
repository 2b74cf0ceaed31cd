import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The queue as an operator sees it. Wall-clock jobs only for `due` and `scheduled` (a test
 * clock's pending jobs run when that clock is advanced, never "late"), every job for the rest.
 *  - due: pending and its time has come (the job loop takes it within a second);
 *  - scheduled: pending for later (its first time, or waiting out a backoff after a failure);
 *  - running: claimed, its lease still holds;
 *  - stuck: claimed, its lease ran out (the runner died or hangs);
 *  - failed: given up after its last attempt.
 */
export const JOB_STATES = ['due', 'scheduled', 'running', 'stuck', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueJob {
  id: string;
  tenantId: string;
  tenantName: string | null;
  kind: string;
  dedupeKey: string;
  status: Selectable<DB['jobs']>['status'];
  runAt: number;
  attempts: number;
  leaseUntil: number | null;
  leaseHolder: string | null;
  lastError: string | null;
  testClockId: string | null;
  updatedAt: number;
}

/** Per kind, how many jobs are in each state: one pass over the live part of the table. */
export async function countJobsByKind(
  db: Db,
  now: number,
): Promise<{ kind: string; counts: Record<JobState, number> }[]> {
  const { rows } = await sql<{ kind: string } & Record<JobState, unknown>>`
    SELECT kind,
      sum(CASE WHEN status = 'pending' AND test_clock_id IS NULL AND run_at <= ${now} THEN 1 ELSE 0 END) AS due,
      sum(CASE WHEN status = 'pending' AND test_clock_id IS NULL AND run_at > ${now} THEN 1 ELSE 0 END) AS scheduled,
      sum(CASE WHEN status = 'running' AND lease_until >= ${now} THEN 1 ELSE 0 END) AS running,
      sum(CASE WHEN status = 'running' AND (lease_until < ${now} OR lease_until IS NULL) THEN 1 ELSE 0 END) AS stuck,
      sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
    FROM jobs
    WHERE status IN ('pending', 'running', 'failed')
    GROUP BY kind
    ORDER BY kind`.execute(db);
  return rows.map((row) => ({
    kind: row.kind,
    counts: {
      due: Number(row.due ?? 0),
      scheduled: Number(row.scheduled ?? 0),
      running: Number(row.running ?? 0),
      stuck: Number(row.stuck ?? 0),
      failed: Number(row.failed ?? 0),
    },
  }));
}

/** The jobs in one state (of one kind, or all), in the order an operator works through them. */
export async function listJobsInState(
  db: Db,
  options: { state: JobState; kind: string | null; now: number; limit: number },
): Promise<QueueJob[]> {
  const { state, kind, now } = options;
  let query = db
    .selectFrom('jobs as j')
    .leftJoin('tenants as t', 't.id', 'j.tenant_id')
    .select([
      'j.id',
      'j.tenant_id',
      't.name as tenant_name',
      'j.kind',
      'j.dedupe_key',
      'j.status',
      'j.run_at',
      'j.attempts',
      'j.lease_until',
      'j.lease_holder',
      'j.last_error',
      'j.test_clock_id',
      'j.updated_at',
    ])
    .$if(kind !== null, (qb) => qb.where('j.kind', '=', kind ?? ''));
  if (state === 'due' || state === 'scheduled') {
    query = query
      .where('j.status', '=', 'pending')
      .where('j.test_clock_id', 'is', null)
      .where('j.run_at', state === 'due' ? '<=' : '>', now)
      .orderBy('j.run_at');
  } else if (state === 'running') {
    query = query
      .where('j.status', '=', 'running')
      .where('j.lease_until', '>=', now)
      .orderBy('j.lease_until');
  } else if (state === 'stuck') {
    query = query
      .where('j.status', '=', 'running')
      .where((eb) => eb.or([eb('j.lease_until', '<', now), eb('j.lease_until', 'is', null)]))
      .orderBy('j.lease_until');
  } else {
    query = query.where('j.status', '=', 'failed').orderBy('j.updated_at', 'desc');
  }
  const rows = await query.orderBy('j.id').limit(options.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    kind: row.kind,
    dedupeKey: row.dedupe_key,
    status: row.status,
    runAt: row.run_at,
    attempts: row.attempts,
    leaseUntil: row.lease_until,
    leaseHolder: row.lease_holder,
    lastError: row.last_error,
    testClockId: row.test_clock_id,
    updatedAt: row.updated_at,
  }));
}

export type JobRow = Selectable<DB['jobs']>;

export async function findJobRow(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
