import { byJobId, jobQueueInput } from '../../../shared/jobs/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { requirePlatform } from '../tenants';
import { releaseJob, retryJob } from './actions';
import { jobsOverview } from './view';

/**
 * The server's job queue in the console. Platform-wide (every workspace's jobs, the server's
 * own), so only platform staff who manage tenants see it or act on it: a tenant's own admin never does.
 */
export const jobsRouter = router({
  list: tenantProcedure('tenants.manage')
    .input(jobQueueInput)
    .query(({ ctx, input }) => {
      requirePlatform(ctx.principal, 'tenants.manage');
      return jobsOverview(ctx.db, ctx.clock.now(), {
        state: input?.state ?? 'due',
        kind: input?.kind ?? null,
      });
    }),
  retry: tenantProcedure('tenants.manage')
    .input(byJobId)
    .mutation(({ ctx, input }) => retryJob(ctx, input.id)),
  release: tenantProcedure('tenants.manage')
    .input(byJobId)
    .mutation(({ ctx, input }) => releaseJob(ctx, input.id)),
});
