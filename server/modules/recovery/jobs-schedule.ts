import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { cancelPendingJobs, scheduleJob } from '../../jobs/store';

type Trx = Transaction<DB>;

/** The kinds of job recovery schedules, on the job queue every module shares. */
export const RECOVERY_JOBS = {
  /** A failed invoice's next charge attempt. */
  retry: 'recovery.retry',
  /** The end of a failed invoice's grace period: access ends, a card-less recovery gives up. */
  graceEnd: 'recovery.grace_end',
} as const;

/** Where a recovery's jobs run: the customer's test clock, if any, drives them. */
export interface JobPlace {
  tenantId: string;
  testClockId: string | null;
}

const prefix = (invoiceId: string) => `recovery:${invoiceId}:`;
const retryPrefix = (invoiceId: string) => `${prefix(invoiceId)}retry:`;

/**
 * The invoice's next charge attempt at `at`. Any retry already pending is dropped first,
 * so an invoice has at most one. The key names the attempt and its time: a retry moved
 * (by a pause and resume) is new work, the same retry scheduled twice is not.
 */
export async function scheduleRetry(
  trx: Trx,
  place: JobPlace,
  retry: { invoiceId: string; attempt: number; at: number },
  now: number,
): Promise<void> {
  await cancelRetries(trx, place.tenantId, retry.invoiceId, now);
  await scheduleJob(
    trx,
    {
      ...place,
      kind: RECOVERY_JOBS.retry,
      runAt: retry.at,
      payload: { invoiceId: retry.invoiceId, attempt: retry.attempt },
      dedupeKey: `${retryPrefix(retry.invoiceId)}${retry.attempt}:${retry.at}`,
    },
    now,
  );
}

export function cancelRetries(trx: Trx, tenantId: string, invoiceId: string, now: number): Promise<number> {
  return cancelPendingJobs(trx, tenantId, retryPrefix(invoiceId), now);
}

/** The end of the grace period, once per recovery. */
export async function scheduleGraceEnd(
  trx: Trx,
  place: JobPlace,
  invoiceId: string,
  at: number,
  now: number,
): Promise<void> {
  await scheduleJob(
    trx,
    {
      ...place,
      kind: RECOVERY_JOBS.graceEnd,
      runAt: at,
      payload: { invoiceId },
      dedupeKey: `${prefix(invoiceId)}grace_end`,
    },
    now,
  );
}

/** Drops every pending job of a recovery that has ended. */
export function cancelRecoveryJobs(
  trx: Trx,
  tenantId: string,
  invoiceId: string,
  now: number,
): Promise<number> {
  return cancelPendingJobs(trx, tenantId, prefix(invoiceId), now);
}
