import { z } from 'zod';
import { customerId } from '../../../shared/customers/schema';
import { can } from '../../../shared/permissions';
import { router, tenantProcedure } from '../../trpc/base';
import { customerTimeline } from './service';
import { pageInput } from '../../../shared/page';

export const timelineInput = z.strictObject({
  customerId,
  ...pageInput({ max: 100, default: 50 }),
  /** Sent by TanStack Query's infinite queries through tRPC; the timeline only reads onwards. */
  direction: z.enum(['forward', 'backward']).optional(),
});

export const timelineRouter = router({
  /**
   * A customer's story. Anyone who may read customers sees the customer's own lines; the
   * billing lines (subscriptions, invoices, payments, refunds, cards, recovery, emails) only
   * those who may also read billing, as on the billing pages themselves.
   */
  customer: tenantProcedure('customers.read')
    .input(timelineInput)
    .query(({ ctx, input }) =>
      customerTimeline(ctx.db, ctx.tenantId, {
        customerId: input.customerId,
        cursor: input.cursor,
        limit: input.limit,
        withBilling: can(ctx.principal.grants, 'billing.read', ctx.tenantId),
        now: ctx.clock.now(),
      }),
    ),
});
