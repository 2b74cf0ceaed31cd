import {
  catalogOverviewInput,
  featureCreateInput,
  planCreateInput,
  planRef,
  planUpdateInput,
  priceCreateInput,
  priceRef,
  productCreateInput,
  productRef,
  productUpdateInput,
} from '../../../shared/catalog/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { createFeature } from './features';
import { catalogOverview } from './overview';
import { archivePlan, createPlan, setDefaultPlan, updatePlan } from './plans';
import { archivePrice, createPrice } from './prices';
import { archiveProduct, createProduct, updateProduct } from './products';

export const catalogRouter = router({
  overview: tenantProcedure('billing.read')
    .input(catalogOverviewInput)
    .query(({ ctx, input }) =>
      catalogOverview(ctx.db, ctx.tenantId, { includeArchived: input?.includeArchived ?? false }),
    ),

  createFeature: tenantProcedure('billing.write')
    .input(featureCreateInput)
    .mutation(({ ctx, input }) => createFeature(ctx, input)),

  createProduct: tenantProcedure('billing.write')
    .input(productCreateInput)
    .mutation(({ ctx, input }) => createProduct(ctx, input)),

  updateProduct: tenantProcedure('billing.write')
    .input(productUpdateInput)
    .mutation(({ ctx, input }) => updateProduct(ctx, input)),

  archiveProduct: tenantProcedure('billing.write')
    .input(productRef)
    .mutation(({ ctx, input }) => archiveProduct(ctx, input.id)),

  createPlan: tenantProcedure('billing.write')
    .input(planCreateInput)
    .mutation(({ ctx, input }) => createPlan(ctx, input)),

  updatePlan: tenantProcedure('billing.write')
    .input(planUpdateInput)
    .mutation(({ ctx, input }) => updatePlan(ctx, input)),

  archivePlan: tenantProcedure('billing.write')
    .input(planRef)
    .mutation(({ ctx, input }) => archivePlan(ctx, input.id)),

  setDefaultPlan: tenantProcedure('billing.write')
    .input(planRef)
    .mutation(({ ctx, input }) => setDefaultPlan(ctx, input.id)),

  createPrice: tenantProcedure('billing.write')
    .input(priceCreateInput)
    .mutation(({ ctx, input }) => createPrice(ctx, input)),

  archivePrice: tenantProcedure('billing.write')
    .input(priceRef)
    .mutation(({ ctx, input }) => archivePrice(ctx, input.id)),
});
