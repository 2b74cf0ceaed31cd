import { movementsInput, overviewInput } from '../../../../shared/analytics/overview-schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { listMovements } from './movements';
import { analyticsOverview } from './overview';
import { segmentValues } from './segments';

/** The Overview's figures, the movements behind each, and the values its filters can take. */
export const metricsRouter = router({
  overview: tenantProcedure('billing.read')
    .input(overviewInput)
    .query(({ ctx, input }) => analyticsOverview(ctx.db, ctx.tenantId, input)),

  movements: tenantProcedure('billing.read')
    .input(movementsInput)
    .query(({ ctx, input }) => {
      const { cursor, limit, direction: _direction, ...view } = input;
      return listMovements(ctx.db, ctx.tenantId, view, cursor, limit);
    }),

  segments: tenantProcedure('billing.read').query(({ ctx }) => segmentValues(ctx.db, ctx.tenantId)),
});
