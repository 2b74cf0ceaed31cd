import { publicProcedure, router, tenantProcedure } from '../../trpc/base';
import { describeSession } from './service';

export const workspaceRouter = router({
  /** How this backend runs; anyone may ask, so the console can show it before anything else loads. */
  mode: publicProcedure.query(({ ctx }) => ({ mode: ctx.mode })),

  session: tenantProcedure('workspace.read').query(({ ctx }) =>
    describeSession(ctx.db, ctx.principal, ctx.tenantId),
  ),
});
