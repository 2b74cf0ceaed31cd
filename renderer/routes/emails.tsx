import { createRoute } from '@tanstack/react-router';
import { EmailPage, EmailsListPage, parseEmailsSearch } from '../features/emails';
import { rootRoute } from './root';

export const emailsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/emails',
  validateSearch: parseEmailsSearch,
  component: EmailsListPage,
});

export const emailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/emails/$id',
  component: EmailPage,
});

/** The email outbox's screens. */
export const emailRoutes = [emailsRoute, emailRoute] as const;
