import type { JobQueueState } from '../../../shared/jobs/schema';

/** Each state as the page names it, and what it means for an operator. */
export const STATE_LOOK: Record<JobQueueState, { label: string; empty: string }> = {
  due: { label: 'Due', empty: 'No job is due: the queue is keeping up.' },
  scheduled: { label: 'Scheduled', empty: 'No job is scheduled for later.' },
  running: { label: 'Running', empty: 'No job is running.' },
  stuck: { label: 'Stuck', empty: 'No job is held past its lease.' },
  failed: { label: 'Failed', empty: 'No job has given up.' },
};

/** "3 of 8": the attempts made against those allowed. */
export function attemptsText(job: { attempts: number; maxAttempts: number }): string {
  return `${job.attempts} of ${job.maxAttempts}`;
}

/** Who holds a running job, as the runner named itself (host:pid). */
export function holderText(holder: string | null): string {
  return holder ?? 'an instance from before lease holders were recorded';
}

/** What each action does, for its button and its confirmation. */
export const ACTION_LOOK = {
  retry: {
    label: 'Retry',
    title: 'Retry this failed job?',
    body: 'It starts again from its first attempt and is due now (a test clock’s job: at the clock’s next advance). Fix what made it fail first. Jobs are idempotent by their key, so one that half ran is safe to run again.',
    done: 'The job is due again',
  },
  retry_now: {
    label: 'Retry now',
    title: 'Retry this job now?',
    body: 'It is waiting out its backoff after a failure. It becomes due now, keeping its attempts; the job loop takes it within a second.',
    done: 'The job is due now',
  },
  release: {
    label: 'Release',
    title: 'Release this job’s lease?',
    body: 'Its lease ran out: the instance holding it died or the job hangs. It goes back to the queue, due at its own time, and the next claim runs it again. If it hangs again, look at the holder’s log for the job’s id.',
    done: 'The job is back in the queue',
  },
} as const;
