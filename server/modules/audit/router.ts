import { auditListInput } from '../../../shared/audit/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { auditFacets, listAuditEntries } from './list';
import { verifyAuditChain } from './verify';

export const auditRouter = router({
  list: tenantProcedure('audit.read')
    .input(auditListInput)
    .query(({ ctx, input }) => listAuditEntries(ctx.db, ctx.tenantId, input)),

  facets: tenantProcedure('audit.read').query(({ ctx }) => auditFacets(ctx.db, ctx.tenantId)),

  /** Recomputes the tenant's whole hash chain: proof that no entry was altered, removed or slipped in. */
  verify: tenantProcedure('audit.read').query(({ ctx }) => verifyAuditChain(ctx.db, ctx.tenantId)),
});
