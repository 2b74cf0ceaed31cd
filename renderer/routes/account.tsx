import { createRoute } from '@tanstack/react-router';
import { AccountPage } from '../features/account';
import { rootRoute } from './root';

/** My account: an account admin's own customer's account (decision 145). */
export const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  component: AccountPage,
});
