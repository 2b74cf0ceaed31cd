import { invalidateEntitlements, invalidateTenantEntitlements } from '../../modules/entitlements';

/** Tables a tenant's catalog of entitlements is read from: a change to any row of them reaches every customer. */
const CATALOG_TABLES = new Set(['features', 'plans', 'plan_features', 'test_clocks']);
/** Tables a customer's entitlements are read from, and the column naming that customer. */
const CUSTOMER_TABLES: Record<string, string> = {
  customers: 'id',
  subscriptions: 'customer_id',
  invoice_recoveries: 'customer_id',
};

/** Whether a change to `table` can change what the entitlements service answers. */
export function feedsEntitlements(table: string): boolean {
  return CATALOG_TABLES.has(table) || table in CUSTOMER_TABLES;
}

/**
 * What the entitlements cache must forget after a page of pulled rows commits. On the
 * replica (SQLite) a cached answer lives until invalidated, and the server's invalidations
 * never reach it: pulled rows are the only news of a subscription or a plan changing. Each
 * row is noted as it was before and after the change (a deletion carries no row, so its
 * replica row tells whose it was).
 */
export class EntitlementChanges {
  private readonly tenants = new Set<string>();
  private readonly customers = new Map<string, Set<string>>();

  note(table: string, row: Record<string, unknown> | null | undefined): void {
    if (!row || typeof row.tenant_id !== 'string') return;
    const tenantId = row.tenant_id;
    if (CATALOG_TABLES.has(table)) {
      this.tenants.add(tenantId);
      return;
    }
    const column = CUSTOMER_TABLES[table];
    const customerId = column === undefined ? null : row[column];
    if (typeof customerId !== 'string') return;
    const ids = this.customers.get(tenantId) ?? new Set<string>();
    ids.add(customerId);
    this.customers.set(tenantId, ids);
  }

  /** Forgets what was noted in the cache; call once the rows are committed. */
  flush(): void {
    for (const tenantId of this.tenants) invalidateTenantEntitlements(tenantId);
    for (const [tenantId, ids] of this.customers) {
      if (this.tenants.has(tenantId)) continue;
      for (const customerId of ids) invalidateEntitlements(tenantId, customerId);
    }
    this.tenants.clear();
    this.customers.clear();
  }
}
