import { z } from 'zod';
import {
  stripeEventId,
  stripeEventListInput,
  webhookSecretInput,
} from '../../../shared/stripe-events/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { replayStripeEvent, setWebhookSecret, webhookEndpointInfo } from './commands';
import { getStripeEvent, listStripeEvents } from './queries';

/** The webhook inbox in the console: events, their fate, replays, and the endpoint's secret. */
export const stripeEventsRouter = router({
  list: tenantProcedure('billing.read')
    .input(stripeEventListInput)
    .query(({ ctx, input }) => listStripeEvents(ctx.db, ctx.tenantId, input)),

  get: tenantProcedure('billing.read')
    .input(z.strictObject({ id: stripeEventId }))
    .query(({ ctx, input }) => getStripeEvent(ctx.db, ctx.tenantId, input.id)),

  replay: tenantProcedure('billing.write')
    .input(z.strictObject({ id: stripeEventId }))
    .mutation(({ ctx, input }) => replayStripeEvent(ctx, input.id)),

  endpoint: tenantProcedure('billing.read').query(({ ctx }) => webhookEndpointInfo(ctx)),

  setSecret: tenantProcedure('settings.write', { secrets: { input: ['secret'] } })
    .input(webhookSecretInput)
    .mutation(({ ctx, input }) => setWebhookSecret(ctx, input.secret)),
});
