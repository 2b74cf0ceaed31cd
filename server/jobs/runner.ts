import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { startLoop, yieldToIo, type Loop } from '../lib/loop';
import { afterFailure, leaseEnd, RETRY_POLICIES, type RetryPolicy } from '../lib/retry-policy';
import { claimNextJob, completeJob, failJob, type Job } from './store';

/**
 * Does one kind of job. `now` is the time the job happens at: wall time for ordinary
 * jobs, the job's own due time for jobs on a test clock (so a renewal "happens" at the
 * period's end however late the clock is advanced). Handlers must be idempotent: after
 * a crash a job can run again.
 */
export type JobHandler = (job: Job, now: number) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobRunnerOptions {
  db: Kysely<DB>;
  /** Wall time, for leases and ordinary due times. */
  clock: Clock;
  logger: Logger;
  handlers: JobHandlers;
  /** Backoff, attempts and lease (default `RETRY_POLICIES.jobs`): a failing job never spins. */
  retry?: RetryPolicy;
  /** Names this runner on the jobs it holds (default: this host and process). */
  holder?: string;
}

const policyOf = (options: JobRunnerOptions) => options.retry ?? RETRY_POLICIES.jobs;
const holderOf = (options: JobRunnerOptions) => options.holder ?? `${hostname()}:${process.pid}`;

async function runOne(options: JobRunnerOptions, job: Job, now: number): Promise<void> {
  const handler = options.handlers[job.kind];
  const wallNow = options.clock.now();
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(job, now);
    await completeJob(options.db, job.id, options.clock.now());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A job on a test clock retries on that clock's time, from when it was due.
    const failedAt = job.testClockId ? job.runAt : wallNow;
    const outcome = await failJob(
      options.db,
      job,
      message,
      afterFailure(job.attempts, policyOf(options), failedAt),
      options.clock.now(),
    );
    options.logger.warn(
      { jobId: job.id, kind: job.kind, attempts: job.attempts, outcome, err: message },
      'job failed',
    );
  }
}

/**
 * Runs every due job on wall time (not test clocks), one at a time; returns how many ran.
 * Stops between jobs once `stopping` is aborted: a shutdown finishes the job in hand only.
 */
export async function runDueJobs(
  options: JobRunnerOptions,
  limit = 500,
  stopping?: AbortSignal,
): Promise<number> {
  let ran = 0;
  while (ran < limit && !stopping?.aborted) {
    // Requests share this thread: let them in between jobs.
    if (ran > 0) await yieldToIo();
    const wallNow = options.clock.now();
    const job = await claimNextJob(options.db, {
      dueBy: wallNow,
      testClockId: null,
      wallNow,
      leaseUntil: leaseEnd(wallNow, policyOf(options)),
      holder: holderOf(options),
    });
    if (!job) break;
    await runOne(options, job, wallNow);
    ran++;
  }
  return ran;
}

/** Runs the jobs of one test clock due by `dueBy`, each at its own due time; returns how many ran. */
export async function runClockJobs(
  options: JobRunnerOptions,
  testClockId: string,
  dueBy: number,
  limit = 10_000,
): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const wallNow = options.clock.now();
    const job = await claimNextJob(options.db, {
      dueBy,
      testClockId,
      wallNow,
      leaseUntil: leaseEnd(wallNow, policyOf(options)),
      holder: holderOf(options),
    });
    if (!job) break;
    await runOne(options, job, Math.min(job.runAt, dueBy));
    ran++;
  }
  return ran;
}

/** Polls for due jobs every `intervalMs` until stopped; only the authority for a tenant runs this. */
export function startJobLoop(options: JobRunnerOptions, intervalMs = 1000): Loop {
  return startLoop({
    name: 'job loop',
    logger: options.logger,
    intervalMs,
    pass: (stopping) => runDueJobs(options, 500, stopping),
  });
}
