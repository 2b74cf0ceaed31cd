import type { ExportSourceDef } from './types';

/** Fields the export reads from licenses.list items (server/modules/licensing/queries/list.ts). */
interface LicenseItem {
  id: string;
  name: string;
  keyHint: string;
  status: string;
  customerId: string;
  customerName: string | null;
  policyName: string;
  expiresAt: number | null;
  machines: number;
  seats: number;
  createdAt: number;
}

/**
 * The Licenses list, as the staff's Licenses page shows it. The key is only its hint (the list
 * never reads a key); a customer the desktop does not hold is named by id, as the table does.
 */
export const licensesSource: ExportSourceDef<LicenseItem> = {
  name: 'licenses',
  list: 'licenses.list',
  permission: 'licensing.read',
  pageSize: 500,
  labels: { policyId: 'Policy', customerId: 'Customer', expiringBefore: 'Expiring before' },
  columns: [
    { header: 'Customer', kind: 'text', width: 22, value: (r) => r.customerName ?? r.customerId },
    { header: 'License', kind: 'text', width: 22, value: (r) => r.name },
    { header: 'Policy', kind: 'text', width: 16, value: (r) => r.policyName },
    { header: 'Status', kind: 'text', width: 10, value: (r) => r.status },
    { header: 'Expires (UTC)', kind: 'date', width: 16, value: (r) => r.expiresAt },
    { header: 'Machines', kind: 'number', width: 8, value: (r) => r.machines },
    { header: 'Seats', kind: 'number', width: 7, value: (r) => r.seats },
    { header: 'Key (last 4)', kind: 'text', width: 8, value: (r) => r.keyHint },
    { header: 'Created (UTC)', kind: 'date', width: 16, value: (r) => r.createdAt },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};
