import type { Kysely } from 'kysely';
import type { JobQueueState } from '../../../shared/jobs/schema';
import type { DB } from '../../db/schema';
import { countJobsByKind, listJobsInState, type QueueJob } from '../../jobs/queue-view';
import { RETRY_POLICIES } from '../../lib/retry-policy';
import { logScrubber } from '../../ops/log-scrub';

/** Rows the page shows per state; the counts say how many there are in all. */
export const JOBS_PAGE_LIMIT = 100;

/**
 * Shapes only (API keys, tokens, card numbers…): an error a job stored may quote what a
 * gateway or a handler said, and the page must never show a secret that slipped into it.
 */
const scrub = logScrubber();

export interface JobView {
  id: string;
  tenantId: string;
  tenantName: string | null;
  kind: string;
  /** Names the work (e.g. renew:sub_…:7): what the job is about. */
  dedupeKey: string;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  leaseUntil: number | null;
  leaseHolder: string | null;
  lastError: string | null;
  onTestClock: boolean;
  /** What the operator may do with it here, if anything. */
  action: 'retry' | 'retry_now' | 'release' | null;
}

export type JobCounts = Record<JobQueueState, number>;

export interface JobsOverview {
  /** The server's time, so the page reads leases and due times against the clock that set them. */
  now: number;
  counts: JobCounts;
  kinds: { kind: string; counts: JobCounts }[];
  state: JobQueueState;
  kind: string | null;
  jobs: JobView[];
  limit: number;
}

/** What an operator can do with a job in this state (see server/jobs/operator-actions.ts). */
function actionFor(state: JobQueueState, job: QueueJob): JobView['action'] {
  if (state === 'failed') return 'retry';
  if (state === 'stuck') return 'release';
  if (state === 'scheduled' && job.attempts > 0) return 'retry_now';
  return null;
}

function toView(state: JobQueueState, job: QueueJob): JobView {
  return {
    id: job.id,
    tenantId: job.tenantId,
    tenantName: job.tenantName,
    kind: job.kind,
    dedupeKey: scrub(job.dedupeKey),
    runAt: job.runAt,
    attempts: job.attempts,
    maxAttempts: RETRY_POLICIES.jobs.maxAttempts,
    leaseUntil: job.leaseUntil,
    leaseHolder: job.leaseHolder,
    lastError: job.lastError === null ? null : scrub(job.lastError),
    onTestClock: job.testClockId !== null,
    action: actionFor(state, job),
  };
}

const NO_JOBS: JobCounts = { due: 0, scheduled: 0, running: 0, stuck: 0, failed: 0 };

function sumCounts(kinds: { counts: JobCounts }[]): JobCounts {
  const total = { ...NO_JOBS };
  for (const { counts } of kinds) {
    for (const state of Object.keys(total) as JobQueueState[]) total[state] += counts[state];
  }
  return total;
}

/** The Jobs page: counts per state and kind, and the jobs in one state. */
export async function jobsOverview(
  db: Kysely<DB>,
  now: number,
  filter: { state: JobQueueState; kind: string | null },
): Promise<JobsOverview> {
  const [kinds, jobs] = await Promise.all([
    countJobsByKind(db, now),
    listJobsInState(db, { ...filter, now, limit: JOBS_PAGE_LIMIT }),
  ]);
  const counted = filter.kind === null ? kinds : kinds.filter((k) => k.kind === filter.kind);
  return {
    now,
    counts: sumCounts(counted),
    kinds,
    state: filter.state,
    kind: filter.kind,
    jobs: jobs.map((job) => toView(filter.state, job)),
    limit: JOBS_PAGE_LIMIT,
  };
}
