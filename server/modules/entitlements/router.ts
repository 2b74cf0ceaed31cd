import { entitlementCheckInput, entitlementsForCustomerInput } from '../../../shared/catalog/entitlements';
import { router, tenantProcedure } from '../../trpc/base';
import { checkEntitlement, explain } from './service';

export const entitlementsRouter = router({
  /** Every feature with the customer's value and where it comes from. */
  forCustomer: tenantProcedure('billing.read')
    .input(entitlementsForCustomerInput)
    .query(({ ctx, input }) => explain(ctx.db, ctx.tenantId, input.customerId, ctx.clock)),

  check: tenantProcedure('billing.read')
    .input(entitlementCheckInput)
    .query(({ ctx, input }) =>
      checkEntitlement(ctx.db, ctx.tenantId, input.customerId, input.featureKey, ctx.clock),
    ),
});
