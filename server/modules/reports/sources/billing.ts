import { invoiceListInput } from '../../../../shared/billing/schema';
import { listInvoices } from '../../billing';
import { amountHeader, listQuery, money, yesNo, type ExportSourceDef } from './types';

/** Fields the export reads from invoices.list items (server/modules/billing/queries/list-invoices.ts). */
interface InvoiceItem {
  id: string;
  number: string | null;
  status: string;
  billingReason: string;
  customerName: string;
  currency: string;
  total: number;
  amountDue: number;
  amountPaid: number;
  amountRefunded: number;
  periodStart: number | null;
  periodEnd: number | null;
  createdAt: number;
}

export const invoicesSource: ExportSourceDef<InvoiceItem> = {
  name: 'invoices',
  list: 'invoices.list',
  permission: 'billing.read',
  pageSize: 1000,
  // invoices.list's own call (server/modules/billing/router/invoices.ts), 2,000 rows a page.
  query: listQuery(invoiceListInput, 2_000, (db, tenantId, input) => listInvoices(db, tenantId, input)),
  labels: { issuedFrom: 'Issued from', issuedTo: 'Issued before', refund: 'Refunds' },
  columns: [
    { header: 'Number', kind: 'text', width: 12, value: (r) => r.number },
    { header: 'Customer', kind: 'text', width: 22, value: (r) => r.customerName },
    { header: 'Status', kind: 'text', width: 12, value: (r) => r.status },
    { header: 'Reason', kind: 'text', width: 14, value: (r) => r.billingReason },
    { header: amountHeader('Total'), kind: 'money', width: 12, value: (r) => money(r.total, r.currency) },
    { header: amountHeader('Paid'), kind: 'money', width: 12, value: (r) => money(r.amountPaid, r.currency) },
    {
      header: amountHeader('Refunded'),
      kind: 'money',
      width: 12,
      value: (r) => money(r.amountRefunded, r.currency),
    },
    { header: 'Currency', kind: 'text', width: 8, value: (r) => r.currency },
    { header: 'Period start (UTC)', kind: 'date', width: 16, value: (r) => r.periodStart },
    { header: 'Period end (UTC)', kind: 'date', width: 16, value: (r) => r.periodEnd },
    { header: 'Issued (UTC)', kind: 'date', width: 16, value: (r) => r.createdAt },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};

interface SubscriptionItem {
  id: string;
  status: string;
  customerName: string;
  customerEmail: string;
  planName: string;
  interval: string;
  quantity: number;
  amount: number;
  currency: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: number | null;
  trialEnd: number | null;
  createdAt: number;
  managedBy: string;
}

export const subscriptionsSource: ExportSourceDef<SubscriptionItem> = {
  name: 'subscriptions',
  list: 'subscriptions.list',
  permission: 'billing.read',
  pageSize: 1000,
  labels: { planId: 'Plan', managedBy: 'Managed by' },
  columns: [
    { header: 'Customer', kind: 'text', width: 22, value: (r) => r.customerName },
    { header: 'Customer email', kind: 'text', width: 24, value: (r) => r.customerEmail },
    { header: 'Plan', kind: 'text', width: 14, value: (r) => r.planName },
    { header: 'Interval', kind: 'text', width: 8, value: (r) => r.interval },
    { header: 'Quantity', kind: 'number', width: 8, value: (r) => r.quantity },
    { header: amountHeader('Amount'), kind: 'money', width: 12, value: (r) => money(r.amount, r.currency) },
    { header: 'Currency', kind: 'text', width: 8, value: (r) => r.currency },
    { header: 'Status', kind: 'text', width: 10, value: (r) => r.status },
    { header: 'Cancels at period end', kind: 'text', width: 8, value: (r) => yesNo(r.cancelAtPeriodEnd) },
    { header: 'Period end (UTC)', kind: 'date', width: 16, value: (r) => r.currentPeriodEnd },
    { header: 'Trial end (UTC)', kind: 'date', width: 16, value: (r) => r.trialEnd },
    { header: 'Managed by', kind: 'text', width: 9, value: (r) => r.managedBy },
    { header: 'Created (UTC)', kind: 'date', width: 16, value: (r) => r.createdAt },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};

interface PaymentItem {
  id: string;
  status: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  failureCode: string | null;
  attemptNumber: number;
  customerName: string;
  invoiceNumber: string | null;
  method: { brand: string; last4: string } | null;
  createdAt: number;
}

export const paymentsSource: ExportSourceDef<PaymentItem> = {
  name: 'payments',
  list: 'payments.list',
  permission: 'billing.read',
  pageSize: 1000,
  labels: { createdFrom: 'Created from', createdTo: 'Created before' },
  columns: [
    { header: 'Customer', kind: 'text', width: 22, value: (r) => r.customerName },
    { header: 'Invoice', kind: 'text', width: 12, value: (r) => r.invoiceNumber },
    { header: 'Status', kind: 'text', width: 12, value: (r) => r.status },
    { header: amountHeader('Amount'), kind: 'money', width: 12, value: (r) => money(r.amount, r.currency) },
    {
      header: amountHeader('Refunded'),
      kind: 'money',
      width: 12,
      value: (r) => money(r.amountRefunded, r.currency),
    },
    { header: 'Currency', kind: 'text', width: 8, value: (r) => r.currency },
    {
      header: 'Card',
      kind: 'text',
      width: 12,
      value: (r) => (r.method ? `${r.method.brand} ${r.method.last4}` : null),
    },
    { header: 'Attempt', kind: 'number', width: 7, value: (r) => r.attemptNumber },
    { header: 'Failure', kind: 'text', width: 16, value: (r) => r.failureCode },
    { header: 'Created (UTC)', kind: 'date', width: 16, value: (r) => r.createdAt },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};
