import type { Migration } from './types';

/**
 * Who holds a running job's lease: the instance (host and process) that claimed it, so the
 * console's Jobs page and the stuck-job runbook can say which instance to look at or restart
 * when a job is held past its lease. Null while the job is not running.
 */
export const jobLeaseHolder: Migration = {
  version: 23,
  name: 'job_lease_holder',
  sql: /* sql */ `
    ALTER TABLE jobs ADD COLUMN lease_holder TEXT;
  `,
  postgres: /* sql */ `
    ALTER TABLE jobs ADD COLUMN lease_holder TEXT;
  `,
};
