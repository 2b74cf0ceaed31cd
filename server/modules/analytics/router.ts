import {
  analyticsSettingsInput,
  fxImportInput,
  fxListInput,
  fxRateInput,
} from '../../../shared/analytics/settings-schema';
import { router, tenantProcedure } from '../../trpc/base';
import { startRebuild, updateAnalyticsSettings, type AnalyticsRequest } from './commands';
import { importFxRates, listFxRates, setFxRate } from './fx-rates';
import { findSettings } from './settings-repo';

const request = (ctx: AnalyticsRequest): AnalyticsRequest => ({
  db: ctx.db,
  clock: ctx.clock,
  tenantId: ctx.tenantId,
  actor: ctx.actor,
});

/** Analytics settings, the background rebuild and FX rates (the `analyticsSettings` router key). */
export const analyticsSettingsRouter = router({
  get: tenantProcedure('billing.read').query(({ ctx }) => findSettings(ctx.db, ctx.tenantId)),

  update: tenantProcedure('billing.write')
    .input(analyticsSettingsInput)
    .mutation(({ ctx, input }) => updateAnalyticsSettings(request(ctx), input)),

  rebuildStatus: tenantProcedure('billing.read').query(
    async ({ ctx }) => (await findSettings(ctx.db, ctx.tenantId)).rebuild,
  ),

  startRebuild: tenantProcedure('billing.write').mutation(({ ctx }) => startRebuild(request(ctx))),

  fxRates: tenantProcedure('billing.read')
    .input(fxListInput)
    .query(({ ctx, input }) => listFxRates(ctx.db, ctx.tenantId, input)),

  setFxRate: tenantProcedure('billing.write')
    .input(fxRateInput)
    .mutation(({ ctx, input }) => setFxRate(request(ctx), input)),

  importFxRates: tenantProcedure('billing.write')
    .input(fxImportInput)
    .mutation(({ ctx, input }) => importFxRates(request(ctx), input.csv)),
});
