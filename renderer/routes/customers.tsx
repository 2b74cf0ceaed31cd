import { createRoute, redirect } from '@tanstack/react-router';
import { CustomerDetailPage } from '../features/customers/CustomerDetailPage';
import { CustomersListPage } from '../features/customers/CustomersListPage';
import { EditCustomerPage } from '../features/customers/EditCustomerPage';
import { parseCustomersSearch } from '../features/customers/list-search';
import { NewCustomerPage } from '../features/customers/NewCustomerPage';
import { rootRoute } from './root';

export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  // The Overview is home: how the business is doing, before any one customer.
  beforeLoad: () => redirect({ to: '/overview', replace: true, throw: true }),
});

export const customersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers',
  validateSearch: parseCustomersSearch,
  component: CustomersListPage,
});

export const newCustomerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers/new',
  component: NewCustomerPage,
});

export const customerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers/$id',
  component: CustomerDetailPage,
});

export const editCustomerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/customers/$id/edit',
  component: EditCustomerPage,
});
