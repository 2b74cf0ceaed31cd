import type { OpenApiRouter } from 'trpc-to-openapi';
import { router } from '../../trpc/base';
import { entitlementsRest, invoicesRest, paymentsRest } from './resources/billing';
import { customersRest } from './resources/customers';
import { subscriptionsRest } from './resources/subscriptions';

/**
 * The public REST API's operations (`/api/v1`), each standing for a console procedure. Not
 * part of the app router: tRPC clients have the console's own procedures.
 */
export const restRouter = router({
  customers: customersRest,
  subscriptions: subscriptionsRest,
  invoices: invoicesRest,
  payments: paymentsRest,
  entitlements: entitlementsRest,
});

/**
 * The same router as trpc-to-openapi types routers: its meta is any record, ours requires a
 * permission, so TypeScript cannot see one as the other (meta is only read, never written).
 */
export const restOpenApiRouter = restRouter as unknown as OpenApiRouter;
