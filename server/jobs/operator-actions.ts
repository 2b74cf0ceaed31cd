import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { JobRow } from './queue-view';

/**
 * What an operator may do to a job by hand (the console's Jobs page). Each update names the
 * state it expects in its WHERE, so a runner that claimed or finished the job meanwhile wins
 * and the caller learns the action did not apply (undefined), instead of undoing a run.
 */

/**
 * A failed job gets a fresh set of attempts, due now (a test clock's job: due again on its
 * clock, at its own time). Its last error stays for the record until the next attempt.
 */
export async function retryFailedJob(
  trx: Transaction<DB>,
  id: string,
  now: number,
): Promise<JobRow | undefined> {
  return trx
    .updateTable('jobs')
    .set((eb) => ({
      status: 'pending',
      attempts: 0,
      run_at: eb.case().when('test_clock_id', 'is', null).then(now).else(eb.ref('run_at')).end(),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

/**
 * A wall-clock job waiting out its backoff after a failure (attempts above 0) becomes due now,
 * keeping its attempts: once the cause is fixed, nobody waits an hour for the next try. A job
 * that never ran is not moved: its time is what it is about (a renewal at the period's end).
 */
export async function retryWaitingJobNow(
  trx: Transaction<DB>,
  id: string,
  now: number,
): Promise<JobRow | undefined> {
  return trx
    .updateTable('jobs')
    .set({ run_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '>', 0)
    .where('test_clock_id', 'is', null)
    .where('run_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/**
 * A job held past its lease goes back to pending at its own due time, so the next claim takes
 * it at once and the page no longer shows it held. A lease that still holds is never released:
 * its runner may be working on it.
 */
export async function releaseExpiredLease(
  trx: Transaction<DB>,
  id: string,
  now: number,
): Promise<JobRow | undefined> {
  return trx
    .updateTable('jobs')
    .set({ status: 'pending', lease_until: null, lease_holder: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_until', '<', now), eb('lease_until', 'is', null)]))
    .returningAll()
    .executeTakeFirst();
}
