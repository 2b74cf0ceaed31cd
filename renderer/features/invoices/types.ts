import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/app/router';

type Outputs = inferRouterOutputs<AppRouter>;

export type InvoiceRow = Outputs['invoices']['list']['items'][number];
export type InvoiceDetail = Outputs['invoices']['get'];
export type Invoice = InvoiceDetail['invoice'];
export type InvoiceLine = InvoiceDetail['lines'][number];
export type InvoicePayment = InvoiceDetail['payments'][number];
export type InvoiceRefund = InvoiceDetail['refunds'][number];
export type ReceiptFile = Outputs['receipts']['get'];
