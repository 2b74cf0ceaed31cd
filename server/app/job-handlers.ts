import type { JobHandlers } from '../jobs/runner';
import type { Services } from '../trpc/context';
import { billingDeps, billingJobHandlers } from '../modules/billing';
import { recoveryJobHandlers } from '../modules/recovery';
import { stripeBillingJobHandlers } from '../modules/stripe-billing';
import { webhooksJobHandlers } from '../modules/webhooks';
import { housekeepingJobHandlers } from '../ops/housekeeping';
import { backupJobHandlers } from '../modules/backups';
import { financePackJobHandlers } from '../modules/reports';
import { analyticsJobHandlers, backfillJobHandlers } from '../modules/analytics';
import { licenseJobHandlers } from '../modules/licensing';

/** Every module's jobs, as the job loop runs them: one list, so no host forgets a module's. */
export function appJobHandlers(services: Services): JobHandlers {
  const deps = billingDeps(services);
  return {
    ...billingJobHandlers(deps),
    ...recoveryJobHandlers(deps),
    ...stripeBillingJobHandlers(services),
    ...webhooksJobHandlers(services),
    ...housekeepingJobHandlers(services),
    ...backupJobHandlers(services),
    ...financePackJobHandlers(services),
    ...analyticsJobHandlers(services),
    ...backfillJobHandlers(services),
    ...licenseJobHandlers(services),
  };
}
