import type { Transaction } from 'kysely';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { releaseExpiredLease, retryFailedJob, retryWaitingJobNow } from '../../jobs/operator-actions';
import { findJobRow, type JobRow } from '../../jobs/queue-view';
import { DomainError, notFound } from '../../lib/errors';
import { requirePlatform, runPlatformCommand, type AdminScope } from '../tenants';

/**
 * The Jobs page's actions, for platform staff who manage tenants. Each is audited in the
 * platform's chain (the queue is the server's machinery, whichever workspace a job serves),
 * with the job's state before and after; never its payload or error, which may quote data.
 */

function snapshot(row: JobRow): Record<string, unknown> {
  return {
    tenantId: row.tenant_id,
    kind: row.kind,
    status: row.status,
    runAt: row.run_at,
    attempts: row.attempts,
    leaseUntil: row.lease_until,
    leaseHolder: row.lease_holder,
  };
}

type Apply = (trx: Transaction<DB>, before: JobRow, now: number) => Promise<JobRow | undefined>;

/** Why an action does not apply to the job as it is now, in words the operator can act on. */
type Refusal = (row: JobRow, now: number) => string | null;

async function act(scope: AdminScope, id: string, action: string, refusal: Refusal, apply: Apply) {
  requirePlatform(scope.principal, 'tenants.manage');
  return runPlatformCommand(scope, action, async (trx, now) => {
    const before = await findJobRow(trx, id);
    if (!before) throw notFound('Job');
    const refused = refusal(before, now);
    if (refused) throw new DomainError('INVALID_STATE', refused);
    // The guard in the update is the real check: a runner may have claimed the job meanwhile.
    const after = await apply(trx, before, now);
    if (!after) throw new DomainError('CONFLICT', 'The job changed meanwhile; reload to see it as it is now');
    const change: EntityChange = {
      entityType: 'job',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    };
    return {
      result: { id, status: after.status, runAt: after.run_at, attempts: after.attempts },
      changes: [change],
    };
  });
}

const leaseRanOut = (row: JobRow, now: number) => row.lease_until === null || row.lease_until < now;

const waitingToRetry = (row: JobRow) => row.status === 'pending' && row.attempts > 0;

/** A failed job tries again from its first attempt; one waiting out a backoff becomes due now. */
export function retryJob(scope: AdminScope, id: string) {
  const refusal: Refusal = (row, now) => {
    if (row.status === 'failed') return null;
    if (!waitingToRetry(row)) {
      return row.status === 'pending'
        ? 'This job has not failed yet: it runs at its own time, never earlier'
        : `Only a failed job, or one waiting to retry, can be retried (this one is ${row.status})`;
    }
    if (row.test_clock_id !== null) return 'This job runs on a test clock: advance the clock to run it';
    if (row.run_at <= now) return 'This job is due already: the job loop takes it within a second';
    return null;
  };
  return act(scope, id, 'job.retried', refusal, (trx, before, now) =>
    before.status === 'failed'
      ? retryFailedJob(trx, before.id, now)
      : retryWaitingJobNow(trx, before.id, now),
  );
}

/** A job held past its lease goes back to the queue, due at its own time. */
export function releaseJob(scope: AdminScope, id: string) {
  const refusal: Refusal = (row, now) => {
    if (row.status !== 'running') return `Only a running job holds a lease (this one is ${row.status})`;
    if (!leaseRanOut(row, now)) {
      return 'Its lease still holds: its runner may be working on it. Release it once the lease has run out';
    }
    return null;
  };
  return act(scope, id, 'job.lease_released', refusal, (trx, before, now) =>
    releaseExpiredLease(trx, before.id, now),
  );
}
