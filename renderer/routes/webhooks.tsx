import { createRoute } from '@tanstack/react-router';
import { parseWebhooksSearch, WebhookEventPage, WebhookEventsPage } from '../features/webhooks';
import { rootRoute } from './root';

export const webhookEventsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/webhooks',
  validateSearch: parseWebhooksSearch,
  component: WebhookEventsPage,
});

export const webhookEventRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/webhooks/$id',
  component: WebhookEventPage,
});

/** The Stripe webhook inbox's screens. */
export const webhookRoutes = [webhookEventsRoute, webhookEventRoute] as const;
