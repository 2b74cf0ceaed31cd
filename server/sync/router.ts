import { z } from 'zod';
import { canEnterTenant } from '../../shared/permissions';
import { router, signedInProcedure } from '../trpc/base';
import { DomainError } from '../lib/errors';
import { readChanges, scopeOf } from './pull';
import { reachFingerprint, reachOf } from './reach';
import { applyPush } from './push';

const MAX_PAGE = 5000;

/**
 * A replica names a tenant only when it has one open; naming one it cannot enter is refused
 * as everywhere else, so no answer ever differs for a tenant the principal does not reach.
 */
const signedInReplica = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.requestedTenantId !== null && !canEnterTenant(ctx.principal.grants, ctx.requestedTenantId)) {
    throw new DomainError('FORBIDDEN', 'You are not a member of that workspace');
  }
  return next();
});

const mutationShape = z.strictObject({
  id: z.number().int().positive(),
  tenantId: z.string().min(1).max(64),
  path: z.string().min(1).max(128),
  input: z.unknown().optional(),
});

/** Replicache-style sync between the hosted server (the authority) and desktop replicas. */
export const syncRouter = router({
  /** Changes since the replica's cursor, paged, only of what the principal may read. */
  pull: signedInReplica
    .input(
      z.strictObject({
        cursor: z.number().int().min(0),
        limit: z.number().int().min(1).max(MAX_PAGE).default(1000),
        withTotal: z.boolean().default(false),
      }),
    )
    .query(async ({ ctx, input }) => {
      // The tenants it may enter, then what its role there lets it list: that is what replicates.
      const reach = reachOf(ctx.principal, await scopeOf(ctx.db, ctx.principal));
      const page = await readChanges(ctx.db, reach, input);
      return { ...page, scope: reachFingerprint(reach) };
    }),

  /** Applies a client's commands in order, exactly once each, and says how each went. */
  push: signedInReplica
    .input(
      z.strictObject({
        clientId: z.string().regex(/^[\w-]{8,64}$/, 'a client id is 8 to 64 letters, digits, - or _'),
        mutations: z.array(mutationShape).max(500),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      results: await applyPush(ctx, ctx.principal, input.clientId, input.mutations),
    })),
});
