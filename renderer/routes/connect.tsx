import { createRoute } from '@tanstack/react-router';
import { ConnectPage } from '../features/connect';
import { rootRoute } from './root';

/** The desktop's connection to a hosted server. */
export const connectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connect',
  component: ConnectPage,
});
