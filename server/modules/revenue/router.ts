import { recoveryRateInput, revenueRangeInput } from '../../../shared/analytics/revenue-schema';
import { router, tenantProcedure } from '../../trpc/base';
import { recoveryRateOf, revenueByMonth, trialConversion } from './reports';

/** Revenue reports: cash by month, trial conversion and the recovery rate (billing.read). */
export const revenueRouter = router({
  byMonth: tenantProcedure('billing.read')
    .input(revenueRangeInput)
    .query(({ ctx, input }) =>
      revenueByMonth({ db: ctx.db, tenantId: ctx.tenantId, now: ctx.clock.now() }, input),
    ),

  trialConversion: tenantProcedure('billing.read')
    .input(revenueRangeInput)
    .query(({ ctx, input }) =>
      trialConversion({ db: ctx.db, tenantId: ctx.tenantId, now: ctx.clock.now() }, input),
    ),

  recoveryRate: tenantProcedure('billing.read')
    .input(recoveryRateInput)
    .query(({ ctx, input }) =>
      recoveryRateOf({ db: ctx.db, tenantId: ctx.tenantId, now: ctx.clock.now() }, input),
    ),
});
