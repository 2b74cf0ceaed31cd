import { catalogRoutes } from './catalog';
import { customerRoutes } from './customers';
import { disputeRoutes } from './disputes';
import { eventRoutes } from './events';
import { invoiceRoutes } from './invoices';
import { paymentIntentRoutes } from './payment-intents';
import { paymentMethodRoutes } from './payment-methods';
import { refundRoutes } from './refunds';
import type { Route } from './route';
import { setupIntentRoutes } from './setup-intents';
import { subscriptionRoutes } from './subscriptions';

export type { Route, RouteContext } from './route';

const ROUTES: readonly Route[] = [
  ...customerRoutes,
  ...setupIntentRoutes,
  ...paymentMethodRoutes,
  ...paymentIntentRoutes,
  ...refundRoutes,
  ...disputeRoutes,
  ...eventRoutes,
  ...catalogRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
];

const compiled = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
}));

/** The route for a method and path, with its `:name` segments; undefined for a URL Stripe would not recognise. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; pathParams: Record<string, string> } | undefined {
  for (const { route, pattern } of compiled) {
    if (route.method !== method) continue;
    const match = pattern.exec(path);
    if (match) return { route, pathParams: { ...match.groups } };
  }
  return undefined;
}
