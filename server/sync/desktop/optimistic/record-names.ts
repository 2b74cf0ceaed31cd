import type Database from 'better-sqlite3';
import { cardText } from '../../../../shared/card-brands';
import { formatMoney, money } from '../../../../shared/money';
import type { CommandRecord } from './types';

/**
 * Records named as the console names them, read from the replica by the id's prefix: a
 * customer by name, an invoice by number, a subscription by plan and customer. For labels of
 * commands that have no effect of their own ("Pause the Pro subscription of Ada Lovelace").
 */

const TABLES: Record<string, string> = {
  ten: 'tenants',
  usr: 'users',
  cus: 'customers',
  prd: 'products',
  pln: 'plans',
  pri: 'prices',
  sub: 'subscriptions',
  inv: 'invoices',
  pay: 'payments',
  re: 'refunds',
  pm: 'payment_methods',
  clk: 'test_clocks',
  eml: 'email_outbox',
  we: 'webhook_endpoints',
  ins: 'instructors',
  crs: 'courses',
};

/** What a record is called when the replica does not hold it (yet, or any more): "invoice inv_…". */
const NOUNS: Record<string, string> = {
  tenants: 'workspace',
  users: 'user',
  customers: 'customer',
  products: 'product',
  plans: 'plan',
  prices: 'price',
  subscriptions: 'subscription',
  invoices: 'invoice',
  payments: 'payment',
  refunds: 'refund',
  payment_methods: 'card',
  test_clocks: 'test clock',
  email_outbox: 'email',
  webhook_endpoints: 'webhook endpoint',
  instructors: 'instructor',
  courses: 'course',
};

const prefixOf = (id: string) => id.slice(0, Math.max(id.indexOf('_'), 0));

/** The replicated record an id names, or null when its kind is not one the replica holds. */
export function recordOfId(id: string): CommandRecord | null {
  const table = TABLES[prefixOf(id)];
  return table ? { table, key: id } : null;
}

type Row = Record<string, unknown>;

const amountText = (amount: unknown, currency: unknown) =>
  typeof amount === 'number' && typeof currency === 'string' ? formatMoney(money(amount, currency)) : '';

function find(sqlite: Database.Database, table: string, id: string): Row | undefined {
  return sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
}

const text = (value: unknown, otherwise: string) => (typeof value === 'string' && value ? value : otherwise);

function invoiceName(sqlite: Database.Database, id: unknown): string {
  if (typeof id !== 'string') return 'an invoice';
  const invoice = find(sqlite, 'invoices', id);
  return invoice ? `invoice ${text(invoice.number, 'draft')}` : `invoice ${id}`;
}

function customerName(sqlite: Database.Database, id: unknown): string {
  if (typeof id !== 'string') return 'a customer';
  return text(find(sqlite, 'customers', id)?.name, id);
}

function planName(sqlite: Database.Database, id: unknown): string {
  if (typeof id !== 'string') return 'a plan';
  return text(find(sqlite, 'plans', id)?.name, id);
}

/** Names a row the replica holds, given its table and its row. */
const NAMERS: Record<string, (sqlite: Database.Database, row: Row) => string> = {
  tenants: (_s, r) => `workspace ${text(r.name, String(r.id))}`,
  users: (_s, r) => text(r.name, String(r.id)),
  customers: (_s, r) => text(r.name, String(r.id)),
  products: (_s, r) => `product ${text(r.name, String(r.id))}`,
  plans: (_s, r) => `plan ${text(r.name, String(r.id))}`,
  prices: (s, r) =>
    `the ${amountText(r.amount, r.currency)}/${String(r.interval)} price of ${planName(s, r.plan_id)}`,
  subscriptions: (s, r) => `the ${planName(s, r.plan_id)} subscription of ${customerName(s, r.customer_id)}`,
  invoices: (s, r) => invoiceName(s, r.id),
  payments: (s, r) => `the ${amountText(r.amount, r.currency)} payment on ${invoiceName(s, r.invoice_id)}`,
  refunds: (s, r) => `the ${amountText(r.amount, r.currency)} refund on ${invoiceName(s, r.invoice_id)}`,
  payment_methods: (s, r) =>
    `${cardText(String(r.brand), String(r.last4))} of ${customerName(s, r.customer_id)}`,
  test_clocks: (_s, r) => `test clock ${text(r.name, String(r.id))}`,
  email_outbox: (_s, r) => `the email “${text(r.subject, '')}” to ${text(r.recipient, 'a customer')}`,
  webhook_endpoints: (_s, r) => `webhook endpoint ${text(r.url, String(r.id))}`,
  instructors: (_s, r) => `instructor ${text(r.name, String(r.id))}`,
  courses: (_s, r) => `course “${text(r.title, String(r.id))}”`,
};

/** What people call the record an id names; the id itself when the replica does not hold it. */
export function nameOfId(sqlite: Database.Database, id: unknown): string {
  if (typeof id !== 'string' || !id) return 'a record';
  const table = TABLES[prefixOf(id)];
  if (!table) return id;
  const row = find(sqlite, table, id);
  const namer = NAMERS[table];
  if (row && namer) return namer(sqlite, row);
  return `${NOUNS[table] ?? 'record'} ${id}`;
}
