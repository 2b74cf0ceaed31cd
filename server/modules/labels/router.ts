import { z } from 'zod';
import { router, tenantProcedure } from '../../trpc/base';
import { entityLabels } from './service';

export const labelsInput = z.strictObject({
  refs: z
    .array(
      z.strictObject({
        type: z.string().regex(/^[a-z_]{1,40}$/, 'type must be an entity type like customer or invoice'),
        id: z.string().min(1).max(100),
      }),
    )
    .max(500),
});

export const labelsRouter = router({
  /** Names for the objects a page of the audit log refers to; read with the audit log's permission. */
  resolve: tenantProcedure('audit.read')
    .input(labelsInput)
    .query(({ ctx, input }) => entityLabels(ctx.db, ctx.tenantId, input.refs)),
});
