import { z } from 'zod';
import { invoiceId, invoiceListInput, manualInvoiceInput } from '../../../../shared/billing/schema';
import { can } from '../../../../shared/permissions';
import { router, tenantProcedure } from '../../../trpc/base';
import { closeInvoice, createManualInvoice, payInvoiceNow } from '../invoice-actions';
import { invoiceDetail } from '../queries/details';
import { listInvoices } from '../queries/list-invoices';
import { staff } from './request';

const byId = z.strictObject({ id: invoiceId });

export const invoicesRouter = router({
  list: tenantProcedure('billing.read')
    .input(invoiceListInput)
    .query(({ ctx, input }) => listInvoices(ctx.db, ctx.tenantId, input)),

  get: tenantProcedure('billing.read')
    .input(byId)
    .query(({ ctx, input }) => invoiceDetail(ctx.db, ctx.tenantId, input.id)),

  createManual: tenantProcedure('billing.write')
    .input(manualInvoiceInput)
    .mutation(({ ctx, input }) =>
      createManualInvoice(
        { ...staff(ctx), mayCredit: can(ctx.principal.grants, 'payments.refund', ctx.tenantId) },
        input,
      ),
    ),

  pay: tenantProcedure('billing.write')
    .input(byId)
    .mutation(async ({ ctx, input }) => {
      const result = await payInvoiceNow(staff(ctx), input.id);
      return { outcome: result.outcome, invoice: result.invoice };
    }),

  void: tenantProcedure('billing.write')
    .input(byId)
    .mutation(({ ctx, input }) => closeInvoice(staff(ctx), input.id, 'void')),

  markUncollectible: tenantProcedure('billing.write')
    .input(byId)
    .mutation(({ ctx, input }) => closeInvoice(staff(ctx), input.id, 'uncollectible')),
});
