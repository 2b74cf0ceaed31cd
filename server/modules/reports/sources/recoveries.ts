import { amountHeader, money, type ExportSourceDef } from './types';

/** Fields the export reads from recovery.list items (server/modules/recovery/queries.ts). */
interface RecoveryItem {
  id: string;
  invoiceNumber: string | null;
  customerName: string;
  customerEmail: string;
  failedAmount: number;
  currency: string;
  status: string;
  attempts: number;
  nextAttemptAt: number | null;
  graceEndsAt: number;
  lastFailureCode: string | null;
  startedAt: number;
}

/** Invoices in recovery, soonest retry first, as the Recovery page lists them. */
export const recoveriesSource: ExportSourceDef<RecoveryItem> = {
  name: 'recoveries',
  list: 'recovery.list',
  permission: 'billing.read',
  pageSize: 500,
  columns: [
    { header: 'Invoice', kind: 'text', width: 12, value: (r) => r.invoiceNumber },
    { header: 'Customer', kind: 'text', width: 22, value: (r) => r.customerName },
    { header: 'Customer email', kind: 'text', width: 24, value: (r) => r.customerEmail },
    {
      header: amountHeader('Failed amount'),
      kind: 'money',
      width: 12,
      value: (r) => money(r.failedAmount, r.currency),
    },
    { header: 'Currency', kind: 'text', width: 8, value: (r) => r.currency },
    { header: 'Status', kind: 'text', width: 14, value: (r) => r.status },
    { header: 'Attempts', kind: 'number', width: 8, value: (r) => r.attempts },
    { header: 'Next retry (UTC)', kind: 'date', width: 16, value: (r) => r.nextAttemptAt },
    { header: 'Access until (UTC)', kind: 'date', width: 16, value: (r) => r.graceEndsAt },
    { header: 'Last failure', kind: 'text', width: 16, value: (r) => r.lastFailureCode },
    { header: 'First failed (UTC)', kind: 'date', width: 16, value: (r) => r.startedAt },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};
