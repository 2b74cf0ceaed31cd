import { z } from 'zod';
import { invoiceId } from '../../../shared/billing/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { receiptFile } from './invoice-receipt';

export const receiptsRouter = router({
  /** An invoice's receipt as a file (PDF or HTML), from the invoice as it stands. */
  get: tenantProcedure('billing.read')
    .input(z.strictObject({ id: invoiceId, format: z.enum(['pdf', 'html']) }))
    .query(({ ctx, input }) => receiptFile(ctx.db, ctx.tenantId, input.id, input.format)),
});
