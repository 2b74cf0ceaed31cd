import type { WebhookDeliveryDetail, WebhookDeliveryView } from '../../../shared/webhooks/schema';
import { runCommand } from '../../commands/run-command';
import { DomainError, notFound } from '../../lib/errors';
import { eventBody } from './event-body';
import { attemptsOf, findDelivery, listDeliveries } from './delivery-log-repo';
import { requeueDelivery } from './delivery-queue-repo';
import { findEndpointRow } from './endpoint-repo';
import { commandScope, type WebhooksContext } from './scope';

/** One endpoint's delivery log, newest first. An endpoint of another workspace is not found. */
export async function endpointDeliveries(
  ctx: WebhooksContext,
  input: { endpointId: string; cursor?: string | null; limit: number },
): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
  if (!(await findEndpointRow(ctx.db, ctx.tenantId, input.endpointId))) throw notFound('Webhook endpoint');
  return listDeliveries(ctx.db, ctx.tenantId, input);
}

/** A delivery with the exact body it sends and every attempt's outcome. */
export async function deliveryDetail(ctx: WebhooksContext, id: string): Promise<WebhookDeliveryDetail> {
  const delivery = await findDelivery(ctx.db, ctx.tenantId, id);
  if (!delivery) throw notFound('Webhook delivery');
  const { event, endpointId: _endpoint, ...view } = delivery;
  return { ...view, requestBody: eventBody(event), attemptLog: await attemptsOf(ctx.db, ctx.tenantId, id) };
}

/**
 * Sends one event to one endpoint again, from a fresh backoff: the receiver gets the same
 * event id and sequence (and can tell it has seen it). Later events about the same object
 * wait for it, as they would have the first time.
 */
export async function replayDelivery(ctx: WebhooksContext, id: string): Promise<WebhookDeliveryView> {
  return runCommand(commandScope(ctx), 'webhook_delivery.replayed', async (trx, now) => {
    const before = await findDelivery(trx, ctx.tenantId, id);
    if (!before) throw notFound('Webhook delivery');
    const endpoint = await findEndpointRow(trx, ctx.tenantId, before.endpointId);
    if (endpoint?.status !== 'enabled') {
      throw new DomainError(
        'INVALID_STATE',
        'This endpoint is disabled; enable it before replaying its events',
      );
    }
    if (!(await requeueDelivery(trx, ctx.tenantId, id, now))) {
      throw new DomainError('INVALID_STATE', 'This event is already waiting to be sent to this endpoint');
    }
    const after = await findDelivery(trx, ctx.tenantId, id);
    if (!after) throw notFound('Webhook delivery');
    const { event: _b, endpointId: _be, ...beforeView } = before;
    const { event: _a, endpointId: _ae, ...afterView } = after;
    return {
      result: afterView,
      changes: [
        { entityType: 'webhook_delivery', entityId: id, before: { ...beforeView }, after: { ...afterView } },
      ],
    };
  });
}
