import { z } from 'zod';
import {
  createWebhookEndpointInput,
  rollWebhookSecretInput,
  setWebhookEndpointEnabledInput,
  updateWebhookEndpointInput,
  webhookDeliveryId,
  webhookDeliveryListInput,
  webhookEndpointId,
} from '../../../shared/webhooks/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { deliveryDetail, endpointDeliveries, replayDelivery } from './deliveries';
import {
  createEndpoint,
  deleteEndpoint,
  rotateEndpointSecret,
  setEndpointEnabled,
  updateEndpoint,
  webhookEndpoints,
} from './endpoints';

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

  update: tenantProcedure('settings.write')
    .input(updateWebhookEndpointInput)
    .mutation(({ ctx, input }) => updateEndpoint(ctx, input)),

  delete: tenantProcedure('settings.write')
    .input(z.strictObject({ id: webhookEndpointId }))
    .mutation(({ ctx, input }) => deleteEndpoint(ctx, input.id)),

  /** Rolls the secret; the old one keeps signing for the overlap asked for (default: none). */
  rotateSecret: tenantProcedure('settings.write', SECRET_RESULT)
    .input(rollWebhookSecretInput)
    .mutation(({ ctx, input }) => rotateEndpointSecret(ctx, input)),

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
