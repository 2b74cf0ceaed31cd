import { z } from 'zod';
import {
  cancelInput,
  pauseInput,
  planChangeApplyInput,
  planChangeInput,
  subscriptionCreateInput,
  subscriptionId,
  subscriptionListInput,
} from '../../../../shared/billing/schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { customerClock } from '../clock';
import { billingDeps } from '../deps';
import { subscriptionDetail } from '../queries/details';
import { listSubscriptions } from '../queries/list-subscriptions';
import { changePlan, previewPlanChange } from '../subscriptions/change-plan';
import { createSubscription } from '../subscriptions/create';
import {
  cancelSubscription,
  pauseSubscription,
  resumeByStaff,
  undoCancellation,
} from '../subscriptions/lifecycle';
import { staff } from './request';
import { askStripe, stripeAsks, stripePriceRef, stripeRef } from '../subscriptions/stripe-managed';

const byId = z.strictObject({ id: subscriptionId });

export const subscriptionsRouter = router({
  list: tenantProcedure('billing.read')
    .input(subscriptionListInput)
    .query(({ ctx, input }) => listSubscriptions(ctx.db, ctx.tenantId, input)),

  get: tenantProcedure('billing.read')
    .input(byId)
    .query(({ ctx, input }) => subscriptionDetail(ctx.db, ctx.tenantId, input.id)),

  create: tenantProcedure('billing.write')
    .input(subscriptionCreateInput)
    .mutation(({ ctx, input }) => createSubscription(staff(ctx), input)),

  previewChange: tenantProcedure('billing.read')
    .input(planChangeInput)
    .query(({ ctx, input }) =>
      previewPlanChange(billingDeps(ctx), ctx.tenantId, input, async (customer) =>
        (await customerClock(ctx.db, ctx.clock, ctx.tenantId, customer)).now(),
      ),
    ),

  changePlan: tenantProcedure('billing.write')
    .input(planChangeApplyInput)
    .mutation(async ({ ctx, input }) => {
      const request = staff(ctx);
      const ref = await stripeRef(request, input.id);
      if (!ref) return changePlan(request, input);
      const ask = stripeAsks.changePrice(await stripePriceRef(request, input.priceId), input.quantity);
      // Stripe invoices the change itself (prorated on its next invoice): nothing is issued here.
      return { subscription: await askStripe(request, input.id, ref, ask), invoice: null };
    }),

  cancel: tenantProcedure('billing.write')
    .input(cancelInput)
    .mutation(({ ctx, input }) => cancelSubscription(staff(ctx), input)),

  undoCancel: tenantProcedure('billing.write')
    .input(byId)
    .mutation(({ ctx, input }) => undoCancellation(staff(ctx), input.id)),

  pause: tenantProcedure('billing.write')
    .input(pauseInput)
    .mutation(({ ctx, input }) =>
      pauseSubscription(staff(ctx), { id: input.id, resumeAt: input.resumeAt ?? null }),
    ),

  resume: tenantProcedure('billing.write')
    .input(byId)
    .mutation(({ ctx, input }) => resumeByStaff(staff(ctx), input.id)),
});
