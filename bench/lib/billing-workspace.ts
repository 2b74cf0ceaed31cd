import type { AppDatabase } from '../../server/db/connection';
import { bulkLoadCustomers } from '../../server/demo/bulk-load';
import { generateCustomers } from '../../server/demo/generator';
import { createWorkspace } from '../../server/demo/seed';
import { seedDemoCatalog } from '../../server/modules/catalog';
import { bulkLoadBilling } from './billing-data';
import type { BillingScale, BillingWorkspaceMeta } from './billing-cache';

/**
 * The billing bench's workspace (bench/billing.ts loads the same, with the same seeds, timing its
 * parts): N customers, one subscription each, `invoicesPer` invoices per subscription. Kept in the
 * same bench cache, so bench:analytics and bench:exports reuse what any bench loaded at a scale.
 */
export async function loadBillingWorkspace(
  database: AppDatabase,
  scale: BillingScale,
  /** The bench that loaded it, named in its report. */
  bench: string,
): Promise<BillingWorkspaceMeta> {
  database.sqlite.pragma('cache_size = -1048576');
  database.sqlite.pragma('synchronous = OFF');
  const now = Date.now();
  const { owner, tenant } = await createWorkspace(database.db, {
    ...{ ownerName: 'Bench', ownerEmail: 'bench@localhost', tenantName: 'Bench', tenantSlug: 'bench' },
    now,
  });
  const catalog = await seedDemoCatalog(database.db, tenant.id, now - 800 * 86_400_000);
  const started = performance.now();
  bulkLoadCustomers(database.sqlite, {
    tenantId: tenant.id,
    customers: generateCustomers({ seed: 7, count: scale.customers, now, spanDays: 730 }),
    actorName: 'bench',
    client: 'system:bench',
  });
  const loaded = bulkLoadBilling(database.sqlite, {
    tenantId: tenant.id,
    catalog,
    invoicesPer: scale.invoicesPer,
    now,
    seed: 11,
  });
  database.sqlite.pragma('optimize');
  database.sqlite.pragma('synchronous = NORMAL');
  const loadReport = `SQLite: loaded ${scale.customers.toLocaleString('en')} customers, ${loaded.subscriptions.toLocaleString('en')} subscriptions and ${loaded.invoices.toLocaleString('en')} invoices (+ lines and payments) in ${Math.round(performance.now() - started)} ms (${bench})\n`;
  return { ownerId: owner.id, tenantId: tenant.id, catalog, loaded, now, loadReport };
}
