import { createRoute } from '@tanstack/react-router';
import { WebhooksPage } from '../features/webhooks';
import { rootRoute } from './root';

/** Outgoing webhooks' screen. */
export const webhooksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/webhooks',
  component: WebhooksPage,
});
