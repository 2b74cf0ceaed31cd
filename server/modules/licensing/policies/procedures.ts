import {
  byPolicyId,
  policyArchiveInput,
  policyCreateInput,
  policyListInput,
  policyUpdateInput,
} from '../../../../shared/licensing/schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { archivePolicy, createPolicy, findPolicy, listPolicies, updatePolicy } from './service';

/** Staff: license policies (licensing.read to read, licensing.manage to change). */
export const licensePoliciesRouter = router({
  list: tenantProcedure('licensing.read')
    .input(policyListInput)
    .query(({ ctx, input }) => listPolicies(ctx.db, ctx.tenantId, input)),
  get: tenantProcedure('licensing.read')
    .input(byPolicyId)
    .query(({ ctx, input }) => findPolicy(ctx.db, ctx.tenantId, input.id)),
  create: tenantProcedure('licensing.manage')
    .input(policyCreateInput)
    .mutation(({ ctx, input }) => createPolicy(ctx, input)),
  update: tenantProcedure('licensing.manage')
    .input(policyUpdateInput)
    .mutation(({ ctx, input }) => updatePolicy(ctx, input)),
  archive: tenantProcedure('licensing.manage')
    .input(policyArchiveInput)
    .mutation(({ ctx, input }) => archivePolicy(ctx, input)),
});
