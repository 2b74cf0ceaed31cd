import { z } from 'zod';
import {
  createWebhookEndpointInput,
  setWebhookEndpointEnabledInput,
  webhookDeliveryId,
  webhookDeliveryListInput,
  webhookEndpointId,
} from '../../../shared/webhooks/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { deliveryDetail, endpointDeliveries, replayDelivery } from './deliveries';
import { createEndpoint, rotateEndpointSecret, setEndpointEnabled, webhookEndpoints } from './endpoints';

/** A signing secret is in the answer once: declared so sync never stores or replays it (decision 66). */
const SECRET_RESULT = { secrets: { result: ['secret'] } } as const;

/** Outgoing webhooks in the console: endpoints, their delivery logs, replays. All need settings.write. */
export const webhooksRouter = router({
  endpoints: tenantProcedure('settings.write').query(({ ctx }) => webhookEndpoints(ctx)),

  create: tenantProcedure('settings.write', SECRET_RESULT)
    .input(createWebhookEndpointInput)
    .mutation(({ ctx, input }) => createEndpoint(ctx, input)),

  setEnabled: tenantProcedure('settings.write')
    .input(setWebhookEndpointEnabledInput)
    .mutation(({ ctx, input }) => setEndpointEnabled(ctx, input)),

  rotateSecret: tenantProcedure('settings.write', SECRET_RESULT)
    .input(z.strictObject({ id: webhookEndpointId }))
    .mutation(({ ctx, input }) => rotateEndpointSecret(ctx, input.id)),

  deliveries: tenantProcedure('settings.write')
    .input(webhookDeliveryListInput)
    .query(({ ctx, input }) => endpointDeliveries(ctx, input)),

  delivery: tenantProcedure('settings.write')
    .input(z.strictObject({ id: webhookDeliveryId }))
    .query(({ ctx, input }) => deliveryDetail(ctx, input.id)),

  replay: tenantProcedure('settings.write')
    .input(z.strictObject({ id: webhookDeliveryId }))
    .mutation(({ ctx, input }) => replayDelivery(ctx, input.id)),
});
