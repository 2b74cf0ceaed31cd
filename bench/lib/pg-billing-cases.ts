import type { DemoCatalog } from '../../server/modules/catalog';
import { invalidateEntitlements } from '../../server/modules/entitlements';
import type { BenchCaller, Timings } from './harness';
import { ms } from './stats';

export type BillingCase = [string, (c: BenchCaller) => Promise<unknown>];

/**
 * bench:billing's cases, with the ids and cursors they need found through `caller` — once per
 * database, so a cursor is always the one that database's own list handed out.
 */
export async function billingCases(
  caller: BenchCaller,
  options: { tenantId: string; catalog: DemoCatalog; loaded: { invoices: number } },
): Promise<BillingCase[]> {
  const { tenantId, catalog, loaded } = options;
  const anySub = (await caller.subscriptions.list({ status: 'past_due', limit: 1 })).items[0];
  // A word that finds one or a few customers (a surname), beside "mar" that finds thousands.
  const surname = anySub?.customerName.split(' ').at(-1) ?? 'nobody';
  const someCustomer = anySub?.customerId ?? '';
  let cursor = (await caller.invoices.list({ limit: 1000 })).nextCursor;
  for (let i = 0; i < 200 && cursor; i++)
    cursor = (await caller.invoices.list({ limit: 1000, cursor })).nextCursor;
  const anInvoice = (await caller.invoices.list({ customerId: someCustomer, limit: 1 })).items[0]?.id ?? '';
  const midNumber = `INV-${String(Math.floor(loaded.invoices / 2)).padStart(6, '0')}`;
  return [
    ['subscriptions: first page (100 + total)', (c) => c.subscriptions.list({ limit: 100 })],
    ['subscriptions: past_due filter', (c) => c.subscriptions.list({ status: 'past_due', limit: 100 })],
    ['subscriptions: by plan', (c) => c.subscriptions.list({ planId: catalog.plans.enterprise, limit: 100 })],
    ['subscriptions: customer search "mar"', (c) => c.subscriptions.list({ search: 'mar', limit: 100 })],
    ['subscriptions: detail page', (c) => c.subscriptions.get({ id: anySub?.id ?? '' })],
    ['invoices: first page (100 + total)', (c) => c.invoices.list({ limit: 100 })],
    ['invoices: deep page (200k rows in)', (c) => c.invoices.list({ limit: 100, cursor })],
    ['invoices: open filter', (c) => c.invoices.list({ status: 'open', limit: 100 })],
    [`invoices: number search ${midNumber}`, (c) => c.invoices.list({ search: midNumber, limit: 100 })],
    ['invoices: one customer', (c) => c.invoices.list({ customerId: someCustomer, limit: 100 })],
    ['invoices: customer search "mar"', (c) => c.invoices.list({ search: 'mar', limit: 100 })],
    [`invoices: customer search "${surname}" (few)`, (c) => c.invoices.list({ search: surname, limit: 100 })],
    ['invoices: customer search "zzqqxx" (none)', (c) => c.invoices.list({ search: 'zzqqxx', limit: 100 })],
    ['invoices: detail page', (c) => c.invoices.get({ id: anInvoice })],
    ['payments: first page (100 + total)', (c) => c.payments.list({ limit: 100 })],
    ['payments: failed filter', (c) => c.payments.list({ status: 'failed', limit: 100 })],
    ['payments: customer search "mar"', (c) => c.payments.list({ search: 'mar', limit: 100 })],
    ['customers: search "mar"', (c) => c.customers.list({ search: 'mar', limit: 100 })],
    ['customer billing summary', (c) => c.billing.customer({ customerId: someCustomer })],
    [
      'entitlement check (cached)',
      (c) => c.entitlements.check({ customerId: someCustomer, featureKey: 'courses.max' }),
    ],
    [
      'entitlement check (uncached)',
      (c) => {
        invalidateEntitlements(tenantId, someCustomer);
        return c.entitlements.check({ customerId: someCustomer, featureKey: 'courses.max' });
      },
    ],
    [
      'entitlements explained (uncached)',
      (c) => {
        invalidateEntitlements(tenantId, someCustomer);
        return c.entitlements.forCustomer({ customerId: someCustomer });
      },
    ],
  ];
}

/** Procedure and raw-SQL figures of each case on both databases, with PostgreSQL's over SQLite's. */
export function sideBySide(figures: readonly [string, Timings, Timings][]): string[][] {
  const rows = [
    [
      'query',
      'SQLite p50',
      'p95',
      'PostgreSQL p50',
      'p95',
      'PG/SQLite p50',
      'p95',
      'raw SQL p95 SQLite',
      'PG',
    ],
  ];
  for (const [label, sqlite, postgres] of figures) {
    rows.push([
      label,
      ms(sqlite.procedure.p50),
      ms(sqlite.procedure.p95),
      ms(postgres.procedure.p50),
      ms(postgres.procedure.p95),
      `${(postgres.procedure.p50 / sqlite.procedure.p50).toFixed(2)}×`,
      `${(postgres.procedure.p95 / sqlite.procedure.p95).toFixed(2)}×`,
      ms(sqlite.raw.p95),
      ms(postgres.raw.p95),
    ]);
  }
  return rows;
}
