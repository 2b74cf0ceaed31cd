import type { WebhookDeliveryStatus, WebhookEndpointView } from '../../../shared/webhooks/schema';

/** How an endpoint's state reads in the console. */
export function endpointLook(endpoint: Pick<WebhookEndpointView, 'status' | 'disabledReason'>): {
  label: string;
  color: string;
} {
  if (endpoint.status === 'enabled') return { label: 'Enabled', color: 'teal' };
  return endpoint.disabledReason === 'failing'
    ? { label: 'Turned off: failing', color: 'red' }
    : { label: 'Disabled', color: 'gray' };
}

/** A delivery's state: still being tried, delivered, or given up after every retry. */
export const DELIVERY_LOOK: Record<WebhookDeliveryStatus, { label: string; color: string }> = {
  pending: { label: 'Retrying', color: 'yellow' },
  succeeded: { label: 'Delivered', color: 'teal' },
  failed: { label: 'Given up', color: 'red' },
};
