import { byTenantId, tenantCreateInput, tenantRenameInput } from '../../../shared/admin/schema';
import { z } from 'zod';
import { router, tenantProcedure } from '../../trpc/base';
import { createTenant, listTenants, reactivateTenant, renameTenant, suspendTenant } from './manage';
import { describeSession } from './service';

const noInput = z.strictObject({}).optional();

export const tenantsRouter = router({
  /** The tenant the request works in, as its member sees it: name, role, permissions. */
  session: tenantProcedure('tenants.read').query(({ ctx }) =>
    describeSession(ctx.db, ctx.principal, ctx.tenantId),
  ),

  // Platform-wide: only platform staff with tenants.manage (see requirePlatform).
  list: tenantProcedure('tenants.manage')
    .input(noInput)
    .query(({ ctx }) => listTenants(ctx)),
  create: tenantProcedure('tenants.manage')
    .input(tenantCreateInput)
    .mutation(({ ctx, input }) => createTenant(ctx, input)),
  rename: tenantProcedure('tenants.manage')
    .input(tenantRenameInput)
    .mutation(({ ctx, input }) => renameTenant(ctx, input.id, input.name)),
  suspend: tenantProcedure('tenants.manage')
    .input(byTenantId)
    .mutation(({ ctx, input }) => suspendTenant(ctx, input.id)),
  reactivate: tenantProcedure('tenants.manage')
    .input(byTenantId)
    .mutation(({ ctx, input }) => reactivateTenant(ctx, input.id)),
});
