import { createRoute } from '@tanstack/react-router';
import { ExportsPage } from '../features/exports';
import { rootRoute } from './root';

/** The user's exports: progress, and finished files to save again. */
export const exportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/exports',
  component: ExportsPage,
});
