import { z } from 'zod';
import {
  addPaymentMethodInput,
  customerRef,
  paymentListInput,
  paymentId,
  paymentMethodId,
  refundInput,
} from '../../../../shared/billing/schema';
import { router, tenantProcedure } from '../../../trpc/base';
import { addPaymentMethod, removePaymentMethod, setDefaultMethod } from '../payment-methods';
import { customerBillingSummary } from '../queries/details';
import { listPayments } from '../queries/list-payments';
import { findPayment } from '../repo/payments';
import { notFound } from '../../../lib/errors';
import { refundPayment } from '../refunds';
import { staff } from './request';

export const paymentsRouter = router({
  list: tenantProcedure('billing.read')
    .input(paymentListInput)
    .query(({ ctx, input }) => listPayments(ctx.db, ctx.tenantId, input)),

  get: tenantProcedure('billing.read')
    .input(z.strictObject({ id: paymentId }))
    .query(async ({ ctx, input }) => {
      const payment = await findPayment(ctx.db, ctx.tenantId, input.id);
      if (!payment) throw notFound('Payment');
      return payment;
    }),

  refund: tenantProcedure('payments.refund')
    .input(refundInput)
    .mutation(({ ctx, input }) => refundPayment(staff(ctx), input)),
});

export const paymentMethodsRouter = router({
  add: tenantProcedure('billing.write')
    .input(addPaymentMethodInput)
    .mutation(({ ctx, input }) => addPaymentMethod(staff(ctx), input)),

  setDefault: tenantProcedure('billing.write')
    .input(z.strictObject({ id: paymentMethodId }))
    .mutation(({ ctx, input }) => setDefaultMethod(staff(ctx), input.id)),

  remove: tenantProcedure('billing.write')
    .input(z.strictObject({ id: paymentMethodId }))
    .mutation(({ ctx, input }) => removePaymentMethod(staff(ctx), input.id)),
});

export const billingOverviewRouter = router({
  /** Which gateway this workspace charges through: the console shows "Sandbox" when it is the sandbox. */
  gateway: tenantProcedure('billing.read').query(({ ctx }) => ({ name: ctx.gateways.name })),

  customer: tenantProcedure('billing.read')
    .input(z.strictObject({ customerId: customerRef }))
    .query(({ ctx, input }) => customerBillingSummary(ctx.db, ctx.tenantId, input.customerId)),
});
