import { z } from 'zod';
import { signingKeyRemoveInput } from '../../../../shared/licensing/schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { listSigningKeys, removeSigningKey, rotateSigningKey } from './service';

const noInput = z.strictObject({}).optional();

/** Staff: the workspace's license signing keys (public halves only; decision 144's rotation). */
export const licensingKeysRouter = router({
  // A mutation, not a query, as revealKey is: signing keys are never replicated (their private
  // halves are sealed on the server), so a connected desktop forwards this to the server, whose
  // answer holds the public halves only. Nothing is written or audited.
  list: tenantProcedure('licensing.read')
    .input(noInput)
    .mutation(({ ctx }) => listSigningKeys(ctx.db, ctx.tenantId)),
  rotate: tenantProcedure('licensing.manage')
    .input(noInput)
    .mutation(({ ctx }) => rotateSigningKey(ctx)),
  remove: tenantProcedure('licensing.manage')
    .input(signingKeyRemoveInput)
    .mutation(({ ctx, input }) => removeSigningKey(ctx, input.kid)),
});
