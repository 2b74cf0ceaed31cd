import { z } from 'zod';
import {
  INVOICE_STATUSES,
  PAYMENT_STATUSES,
  customerRef,
  invoiceId,
  paymentId,
  subscriptionId,
} from '../../../../shared/billing/schema';
import { featureKey } from '../../../../shared/catalog/schema';
import { router } from '../../../trpc/base';
import {
  entitlementCheckObject,
  invoiceListItem,
  invoiceObject,
  paymentObject,
  toInvoice,
  toInvoiceListItem,
  toPayment,
} from '../objects';
import { cursorAfter, listOf, pageParams, toList } from '../pagination';
import { app, restProcedure, startingAfter } from '../procedure';

/** Invoices and payments (read only), and the entitlement check apps make on every request. */

export const invoicesRest = router({
  retrieve: restProcedure('invoices.get', {
    method: 'GET',
    path: '/invoices/{id}',
    tags: ['Invoices'],
    summary: 'Retrieve an invoice with its lines',
  })
    .input(z.strictObject({ id: invoiceId }))
    .output(invoiceObject)
    .query(async ({ ctx, input }) => {
      const detail = await app(ctx).invoices.get(input);
      return toInvoice(detail.invoice, detail.lines);
    }),

  list: restProcedure('invoices.list', {
    method: 'GET',
    path: '/invoices',
    tags: ['Invoices'],
    summary: 'List invoices, newest first',
  })
    .input(
      z.strictObject({
        ...pageParams('inv'),
        customer: customerRef.optional().meta({ description: 'Only this customer’s' }),
        subscription: subscriptionId.optional().meta({ description: 'Only this subscription’s' }),
        status: z.enum(INVOICE_STATUSES).optional(),
      }),
    )
    .output(listOf(invoiceListItem, 'InvoiceList'))
    .query(async ({ ctx, input }) => {
      const after = await startingAfter(input.starting_after, (id) => app(ctx).invoices.get({ id }));
      const page = await app(ctx).invoices.list({
        customerId: input.customer ?? null,
        subscriptionId: input.subscription ?? null,
        status: input.status ?? null,
        search: '',
        limit: input.limit,
        cursor: cursorAfter(after?.invoice ?? null),
      });
      return toList(page, toInvoiceListItem);
    }),
});

export const paymentsRest = router({
  retrieve: restProcedure('payments.get', {
    method: 'GET',
    path: '/payments/{id}',
    tags: ['Payments'],
    summary: 'Retrieve a payment',
  })
    .input(z.strictObject({ id: paymentId }))
    .output(paymentObject)
    .query(async ({ ctx, input }) => toPayment(await app(ctx).payments.get(input))),

  list: restProcedure('payments.list', {
    method: 'GET',
    path: '/payments',
    tags: ['Payments'],
    summary: 'List payments, newest first',
  })
    .input(
      z.strictObject({
        ...pageParams('pay'),
        customer: customerRef.optional().meta({ description: 'Only this customer’s' }),
        status: z.enum(PAYMENT_STATUSES).optional(),
      }),
    )
    .output(listOf(paymentObject, 'PaymentList'))
    .query(async ({ ctx, input }) => {
      const after = await startingAfter(input.starting_after, (id) => app(ctx).payments.get({ id }));
      const page = await app(ctx).payments.list({
        customerId: input.customer ?? null,
        status: input.status ?? null,
        search: '',
        limit: input.limit,
        cursor: cursorAfter(after),
      });
      return toList(page, toPayment);
    }),
});

export const entitlementsRest = router({
  check: restProcedure('entitlements.check', {
    method: 'GET',
    path: '/entitlements/check',
    tags: ['Entitlements'],
    summary: 'May this customer use this feature?',
    description:
      'The answer apps ask on every request: `allowed`, the `limit` for a metered feature, and the `reason` (which subscription or default plan decides it).',
  })
    .input(
      z.strictObject({
        customer: customerRef.meta({ description: 'The customer’s id (cus_…)' }),
        feature: featureKey.meta({ description: 'The feature’s key, as set in the catalog' }),
      }),
    )
    .output(entitlementCheckObject)
    .query(async ({ ctx, input }) => {
      const check = await app(ctx).entitlements.check({
        customerId: input.customer,
        featureKey: input.feature,
      });
      return {
        object: 'entitlement_check' as const,
        customer: input.customer,
        feature: check.featureKey,
        kind: check.kind,
        allowed: check.allowed,
        limit: check.limit,
        reason: check.reason,
      };
    }),
});
