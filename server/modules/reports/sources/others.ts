import type { ExportSourceDef } from './types';

/** Fields the export reads from customers.list items (shared/customers/schema.ts: Customer). */
interface CustomerItem {
  id: string;
  name: string;
  email: string;
  country: string;
  company: string | null;
  status: string;
  createdAt: number;
  archivedAt: number | null;
}

export const customersSource: ExportSourceDef<CustomerItem> = {
  name: 'customers',
  list: 'customers.list',
  permission: 'customers.read',
  pageSize: 1000,
  columns: [
    { header: 'Name', kind: 'text', width: 22, value: (r) => r.name },
    { header: 'Email', kind: 'text', width: 26, value: (r) => r.email },
    { header: 'Company', kind: 'text', width: 18, value: (r) => r.company },
    { header: 'Country', kind: 'text', width: 7, value: (r) => r.country },
    { header: 'Status', kind: 'text', width: 9, value: (r) => r.status },
    { header: 'Created (UTC)', kind: 'date', width: 16, value: (r) => r.createdAt },
    { header: 'Archived (UTC)', kind: 'date', width: 16, value: (r) => r.archivedAt },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};

interface EmailItem {
  id: string;
  template: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  customerName: string | null;
  createdAt: number;
  sentAt: number | null;
}

export const emailsSource: ExportSourceDef<EmailItem> = {
  name: 'emails',
  list: 'emails.list',
  permission: 'billing.read',
  pageSize: 1000,
  columns: [
    { header: 'Template', kind: 'text', width: 16, value: (r) => r.template },
    { header: 'Recipient', kind: 'text', width: 24, value: (r) => r.recipient },
    { header: 'Customer', kind: 'text', width: 18, value: (r) => r.customerName },
    { header: 'Subject', kind: 'text', width: 30, value: (r) => r.subject },
    { header: 'Status', kind: 'text', width: 8, value: (r) => r.status },
    { header: 'Attempts', kind: 'number', width: 7, value: (r) => r.attempts },
    { header: 'Created (UTC)', kind: 'date', width: 16, value: (r) => r.createdAt },
    { header: 'Sent (UTC)', kind: 'date', width: 16, value: (r) => r.sentAt },
    { header: 'Last error', kind: 'text', width: 20, value: (r) => r.lastError },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};

interface StripeEventItem {
  id: string;
  type: string;
  objectId: string | null;
  status: string;
  attempts: number;
  source: string;
  createdAt: number;
  receivedAt: number;
  lastError: string | null;
}

export const stripeEventsSource: ExportSourceDef<StripeEventItem> = {
  name: 'stripeEvents',
  list: 'stripeEvents.list',
  permission: 'billing.read',
  pageSize: 500,
  labels: { from: 'Received from', to: 'Received before' },
  columns: [
    { header: 'Event', kind: 'text', width: 28, value: (r) => r.id },
    { header: 'Type', kind: 'text', width: 28, value: (r) => r.type },
    { header: 'Object', kind: 'text', width: 24, value: (r) => r.objectId },
    { header: 'Status', kind: 'text', width: 10, value: (r) => r.status },
    { header: 'Attempts', kind: 'number', width: 7, value: (r) => r.attempts },
    { header: 'Source', kind: 'text', width: 8, value: (r) => r.source },
    { header: 'Created at Stripe (UTC)', kind: 'date', width: 16, value: (r) => r.createdAt },
    { header: 'Received (UTC)', kind: 'date', width: 16, value: (r) => r.receivedAt },
    { header: 'Last error', kind: 'text', width: 20, value: (r) => r.lastError },
  ],
};

interface AuditItem {
  seq: number;
  at: number;
  actorName: string;
  client: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

const shown = (value: unknown) => (value === null || value === undefined ? '-' : JSON.stringify(value));

export const auditSource: ExportSourceDef<AuditItem> = {
  name: 'audit',
  list: 'audit.list',
  permission: 'audit.read',
  pageSize: 200,
  labels: { entityType: 'Entity type', entityId: 'Entity', from: 'From', to: 'Before' },
  columns: [
    { header: 'Seq', kind: 'number', width: 6, value: (r) => r.seq },
    { header: 'At (UTC)', kind: 'date', width: 16, value: (r) => r.at },
    { header: 'Actor', kind: 'text', width: 16, value: (r) => r.actorName },
    { header: 'Client', kind: 'text', width: 14, value: (r) => r.client },
    { header: 'Action', kind: 'text', width: 18, value: (r) => r.action },
    { header: 'Entity type', kind: 'text', width: 12, value: (r) => r.entityType },
    { header: 'Entity', kind: 'text', width: 28, value: (r) => r.entityId },
    {
      header: 'Changes',
      kind: 'text',
      width: 40,
      value: (r) => r.changes.map((c) => `${c.field}: ${shown(c.before)} -> ${shown(c.after)}`).join('; '),
    },
  ],
};
