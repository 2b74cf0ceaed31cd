import { z } from 'zod';
import { router, tenantProcedure } from '../../trpc/base';
import { importProgress, startImport } from './import';

/** The console's Stripe Billing procedures: start an import and watch it. */
export const stripeBillingRouter = router({
  startImport: tenantProcedure('billing.write')
    .input(z.strictObject({}))
    .mutation(({ ctx }) =>
      startImport(
        { db: ctx.db, clock: ctx.clock, tenantId: ctx.tenantId, actor: ctx.actor },
        ctx.gateways.stripeApi(ctx.tenantId) !== null,
      ),
    ),

  importProgress: tenantProcedure('billing.read')
    .input(z.strictObject({}))
    .query(({ ctx }) => importProgress(ctx.db, ctx.tenantId)),
});
