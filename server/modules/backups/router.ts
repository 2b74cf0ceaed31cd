import { z } from 'zod';
import { router, tenantProcedure } from '../../trpc/base';
import { requirePlatform } from '../tenants';
import { backupsOverview } from './view';

const noInput = z.strictObject({}).optional();

/**
 * The server's backups in the console. Platform-wide (the whole database, every tenant's
 * rows), so only platform staff who manage tenants see them: a tenant's own admin never does.
 */
export const backupsRouter = router({
  list: tenantProcedure('tenants.manage')
    .input(noInput)
    .query(({ ctx }) => {
      requirePlatform(ctx.principal, 'tenants.manage');
      return backupsOverview(ctx.db, ctx.clock.now(), ctx.backups?.settings ?? null);
    }),
});
