import { z } from 'zod';
import {
  CHANGE_TIMINGS,
  MAX_QUANTITY,
  customerRef,
  paymentMethodId,
  priceId,
  subscriptionCreateInput,
  subscriptionId,
} from '../../../../shared/billing/schema';
import { SUBSCRIPTION_STATUSES } from '../../../../shared/billing/subscription-machine';
import type { Context } from '../../../trpc/context';
import { router } from '../../../trpc/base';
import { subscriptionListItem, subscriptionObject, toSubscription, toSubscriptionListItem } from '../objects';
import { cursorAfter, listOf, pageParams, toList } from '../pagination';
import { app, restProcedure, startingAfter } from '../procedure';

const tags = ['Subscriptions'];
const byId = z.strictObject({ id: subscriptionId });
const createFields = subscriptionCreateInput.shape;

/** A subscription as it is now, with its newest invoice. */
async function present(ctx: Context, id: string) {
  const detail = await app(ctx).subscriptions.get({ id });
  return toSubscription(detail.subscription, detail.invoices[0]?.id ?? null);
}

const subscription = subscriptionObject;

const side = z.object({
  price: z.string(),
  plan_name: z.string(),
  interval: z.string(),
  quantity: z.int(),
  amount: z.int().meta({ description: 'Per interval, minor units' }),
});

const changePreview = z
  .object({
    object: z.literal('plan_change_preview'),
    kind: z.string().meta({ description: 'upgrade, downgrade, or another kind of change' }),
    timing: z.enum(CHANGE_TIMINGS),
    effective_at: z.int(),
    currency: z.string(),
    from: side,
    to: side,
    lines: z.array(z.object({ description: z.string(), amount: z.int(), kind: z.string() })),
    subtotal: z.int(),
    credit_applied: z.int(),
    amount_due: z.int().meta({ description: 'What the change invoices now (minor units)' }),
    balance_after: z.int().meta({ description: 'The customer’s credit balance afterwards' }),
    next_renewal_at: z.int(),
  })
  .meta({ id: 'PlanChangePreview' });

/**
 * Fresh leaves for the preview's query: trpc-to-openapi makes a query's number schemas
 * coerce, in place, and the shared `quantity` is also the console's.
 */
const changeQuery = {
  price: priceId,
  quantity: z.int().min(1).max(MAX_QUANTITY).meta({ description: 'Seats of the new price' }),
  timing: z
    .enum(CHANGE_TIMINGS)
    .optional()
    .meta({ description: 'Omitted: upgrades now, downgrades at period end' }),
};

/** Subscriptions: create, retrieve, list, cancel, change plan (with its proration preview). */
export const subscriptionsRest = router({
  create: restProcedure('subscriptions.create', {
    method: 'POST',
    path: '/subscriptions',
    tags,
    summary: 'Subscribe a customer to a price',
    description:
      'Starts the trial, or invoices the first period and collects it from the customer’s default payment method.',
  })
    .input(
      z.strictObject({
        customer: customerRef,
        price: priceId,
        quantity: createFields.quantity,
        trial_days: createFields.trialDays,
        payment_method: paymentMethodId.optional(),
        trial_end_behavior: createFields.trialEndBehavior,
      }),
    )
    .output(subscription)
    .mutation(async ({ ctx, input }) => {
      const started = await app(ctx).subscriptions.create({
        customerId: input.customer,
        priceId: input.price,
        quantity: input.quantity,
        trialDays: input.trial_days,
        paymentMethodId: input.payment_method,
        trialEndBehavior: input.trial_end_behavior,
      });
      return present(ctx, started.subscription.id);
    }),

  retrieve: restProcedure('subscriptions.get', {
    method: 'GET',
    path: '/subscriptions/{id}',
    tags,
    summary: 'Retrieve a subscription',
  })
    .input(byId)
    .output(subscription)
    .query(({ ctx, input }) => present(ctx, input.id)),

  list: restProcedure('subscriptions.list', {
    method: 'GET',
    path: '/subscriptions',
    tags,
    summary: 'List subscriptions, newest first',
  })
    .input(
      z.strictObject({
        ...pageParams('sub'),
        customer: customerRef.optional().meta({ description: 'Only this customer’s' }),
        status: z.enum(SUBSCRIPTION_STATUSES).optional(),
      }),
    )
    .output(listOf(subscriptionListItem, 'SubscriptionList'))
    .query(async ({ ctx, input }) => {
      const after = await startingAfter(input.starting_after, (id) => app(ctx).subscriptions.get({ id }));
      const page = await app(ctx).subscriptions.list({
        customerId: input.customer ?? null,
        status: input.status ?? null,
        search: '',
        limit: input.limit,
        cursor: cursorAfter(after?.subscription ?? null),
      });
      return toList(page, toSubscriptionListItem);
    }),

  cancel: restProcedure('subscriptions.cancel', {
    method: 'POST',
    path: '/subscriptions/{id}/cancel',
    tags,
    summary: 'Cancel a subscription',
    description:
      '`when: "now"` ends it at once (with `prorate`, the unused paid time becomes credit); `"period_end"` lets it run to the end of the paid period.',
  })
    .input(
      z.strictObject({
        id: subscriptionId,
        when: z.enum(['now', 'period_end']),
        prorate: z.boolean().default(false),
      }),
    )
    .output(subscription)
    .mutation(async ({ ctx, input }) => {
      await app(ctx).subscriptions.cancel(input);
      return present(ctx, input.id);
    }),

  previewChange: restProcedure('subscriptions.previewChange', {
    method: 'GET',
    path: '/subscriptions/{id}/change_plan/preview',
    tags,
    summary: 'Preview a plan change',
    description: 'What changing to `price` would invoice now (proration) and when; nothing is changed.',
  })
    .input(z.strictObject({ id: subscriptionId, ...changeQuery }))
    .output(changePreview)
    .query(async ({ ctx, input }) => {
      const p = await app(ctx).subscriptions.previewChange({
        id: input.id,
        priceId: input.price,
        quantity: input.quantity,
        timing: input.timing,
      });
      const sideOf = (s: typeof p.from) => ({
        price: s.priceId,
        plan_name: s.planName,
        interval: s.interval,
        quantity: s.quantity,
        amount: s.amount,
      });
      return {
        object: 'plan_change_preview' as const,
        kind: p.kind,
        timing: p.timing,
        effective_at: p.effectiveAt,
        currency: p.currency,
        from: sideOf(p.from),
        to: sideOf(p.to),
        lines: p.lines,
        subtotal: p.subtotal,
        credit_applied: p.creditApplied,
        amount_due: p.amountDue,
        balance_after: p.balanceAfter,
        next_renewal_at: p.nextRenewalAt,
      };
    }),

  changePlan: restProcedure('subscriptions.changePlan', {
    method: 'POST',
    path: '/subscriptions/{id}/change_plan',
    tags,
    summary: 'Change the plan (price or seats) of a subscription',
    description: 'Applies what the preview shows; an upgrade invoices the prorated difference at once.',
  })
    .input(
      z.strictObject({
        id: subscriptionId,
        price: priceId,
        quantity: createFields.quantity,
        timing: z.enum(CHANGE_TIMINGS).optional(),
      }),
    )
    .output(subscription)
    .mutation(async ({ ctx, input }) => {
      const { subscription: current } = await app(ctx).subscriptions.get({ id: input.id });
      await app(ctx).subscriptions.changePlan({
        id: input.id,
        priceId: input.price,
        quantity: input.quantity,
        timing: input.timing,
        expectedVersion: current.version,
      });
      return present(ctx, input.id);
    }),
});
