import { z } from 'zod';

/** Inputs of the Jobs page's procedures (platform staff), shared by the server and the console. */

export const JOB_QUEUE_STATES = ['due', 'scheduled', 'running', 'stuck', 'failed'] as const;
export type JobQueueState = (typeof JOB_QUEUE_STATES)[number];

export const jobId = z
  .string({ error: 'Job id must be text' })
  .regex(/^job_[0-9A-Z]{26}$/, { error: 'Job id must look like job_…' });

export const jobQueueInput = z
  .strictObject({
    state: z.enum(JOB_QUEUE_STATES, { error: 'State must be due, scheduled, running, stuck or failed' }),
    /** One kind of job (e.g. subscription.renew), or every kind. */
    kind: z
      .string({ error: 'Kind must be text' })
      .regex(/^[a-z][a-z0-9_.-]*$/i, { error: 'Kind must look like subscription.renew' })
      .max(100, { error: 'Kind must be at most 100 characters' })
      .nullish(),
  })
  .optional();

export const byJobId = z.strictObject({ id: jobId });
