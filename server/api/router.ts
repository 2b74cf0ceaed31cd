import { customersRouter } from '../modules/customers';
import { workspaceRouter } from '../modules/tenancy';
import { router } from './trpc';

/** Every procedure the console can call, one sub-router per domain. */
export const appRouter = router({
  workspace: workspaceRouter,
  customers: customersRouter,
});

export type AppRouter = typeof appRouter;
