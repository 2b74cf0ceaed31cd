import { createRoute } from '@tanstack/react-router';
import { CatalogPage, parseCatalogSearch } from '../features/catalog';
import { rootRoute } from './root';

export const catalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog',
  validateSearch: parseCatalogSearch,
  component: CatalogPage,
});
