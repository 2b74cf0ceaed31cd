import { createRoute } from '@tanstack/react-router';
import { parseStripeEventsSearch, StripeEventPage, StripeEventsPage } from '../features/stripe-events';
import { rootRoute } from './root';

export const stripeEventsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stripe-events',
  validateSearch: parseStripeEventsSearch,
  component: StripeEventsPage,
});

export const stripeEventRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stripe-events/$id',
  component: StripeEventPage,
});

/** The Stripe webhook inbox's screens. */
export const stripeEventRoutes = [stripeEventsRoute, stripeEventRoute] as const;
