import { marketplaceSettingsInput } from '../../../../shared/marketplace/schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { marketplaceSettings, updateMarketplaceSettings } from './service';

/** Staff: the workspace's marketplace rules (share, refund window, hold period, payout day). */
export const marketplaceSettingsRouter = router({
  get: tenantProcedure('marketplace.read').query(({ ctx }) => marketplaceSettings(ctx.db, ctx.tenantId)),
  update: tenantProcedure('marketplace.manage')
    .input(marketplaceSettingsInput)
    .mutation(({ ctx, input }) => updateMarketplaceSettings(ctx, input)),
});
