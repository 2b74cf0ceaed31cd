import {
  recoveryCustomerInput,
  recoveryInvoiceInput,
  recoveryListInput,
  recoveryPolicyInput,
  recoveryStatsInput,
} from '../../../shared/billing/recovery-schema';
import { router, tenantProcedure } from '../../trpc/base';
import { setCustomerRecoveryPaused } from './pause';
import { updateRecoveryPolicy } from './policy';
import { listRecoveries } from './queries';
import { recoveryPolicy } from './repo';
import { markPaidOutOfBand, retryNow } from './staff-actions';
import { recoveryStats } from './stats';
import { staff } from '../billing';

/** Failed-payment recovery: what is being recovered and how it goes, and staff's levers on it. */
export const recoveryRouter = router({
  list: tenantProcedure('billing.read')
    .input(recoveryListInput)
    .query(({ ctx, input }) => listRecoveries(ctx.db, ctx.tenantId, input)),

  stats: tenantProcedure('billing.read')
    .input(recoveryStatsInput)
    .query(({ ctx, input }) =>
      recoveryStats(ctx.db, ctx.tenantId, { months: input.months, now: ctx.clock.now() }),
    ),

  policy: tenantProcedure('billing.read').query(({ ctx }) => recoveryPolicy(ctx.db, ctx.tenantId)),

  updatePolicy: tenantProcedure('recovery.manage')
    .input(recoveryPolicyInput)
    .mutation(({ ctx, input }) => updateRecoveryPolicy(staff(ctx), input)),

  retryNow: tenantProcedure('recovery.manage')
    .input(recoveryInvoiceInput)
    .mutation(({ ctx, input }) => retryNow(staff(ctx), input.invoiceId)),

  pauseCustomer: tenantProcedure('recovery.manage')
    .input(recoveryCustomerInput)
    .mutation(({ ctx, input }) => setCustomerRecoveryPaused(staff(ctx), input.customerId, true)),

  resumeCustomer: tenantProcedure('recovery.manage')
    .input(recoveryCustomerInput)
    .mutation(({ ctx, input }) => setCustomerRecoveryPaused(staff(ctx), input.customerId, false)),

  markPaidOutOfBand: tenantProcedure('recovery.manage')
    .input(recoveryInvoiceInput)
    .mutation(({ ctx, input }) => markPaidOutOfBand(staff(ctx), input.invoiceId)),
});
