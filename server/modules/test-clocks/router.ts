import {
  testClockAdvanceInput,
  testClockAttachInput,
  testClockCreateInput,
} from '../../../shared/billing/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { listTestClocks } from '../billing';
import { advanceTestClock, attachTestClock, createTestClock } from './service';
import { staff } from '../billing';

export const testClocksRouter = router({
  list: tenantProcedure('billing.read').query(({ ctx }) => listTestClocks(ctx.db, ctx.tenantId)),

  create: tenantProcedure('billing.write')
    .input(testClockCreateInput)
    .mutation(({ ctx, input }) => createTestClock(staff(ctx), input)),

  attach: tenantProcedure('billing.write')
    .input(testClockAttachInput)
    .mutation(({ ctx, input }) => attachTestClock(staff(ctx), input)),

  advance: tenantProcedure('billing.write')
    .input(testClockAdvanceInput)
    .mutation(({ ctx, input }) => advanceTestClock(staff(ctx), input)),
});
