import { can } from '../../../shared/permissions';
import { searchFindInput } from '../../../shared/search/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { searchEverything } from './service';

export const searchRouter = router({
  /** The command palette's one search; what the caller may not read is left out, kind by kind. */
  find: tenantProcedure('tenants.read')
    .input(searchFindInput)
    .query(({ ctx, input }) =>
      searchEverything(
        {
          db: ctx.db,
          tenantId: ctx.tenantId,
          may: (permission) => can(ctx.principal.grants, permission, ctx.tenantId),
        },
        input,
      ),
    ),
});
