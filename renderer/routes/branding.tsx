import { createRoute } from '@tanstack/react-router';
import { AccountBrandingPage, WorkspaceBrandingPage } from '../features/branding';
import { rootRoute } from './root';

/** The workspace's default branding: reached from the Emails page's header, beside the sender settings. */
export const brandingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/branding',
  component: WorkspaceBrandingPage,
});

/** My account's Branding tab: an account admin's own account's branding. */
export const accountBrandingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account/branding',
  component: AccountBrandingPage,
});
