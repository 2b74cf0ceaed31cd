import type BetterSqlite3 from 'better-sqlite3';
import { newId } from '../../shared/ids';
import type { Customer } from '../../shared/customers/schema';
import { chainUnlinkedEntries } from '../modules/audit';
import { nameSortKey } from '../modules/customers';
import type { GeneratedCustomer } from './generator';

/**
 * Loads generated customers in one transaction through prepared statements: the demo
 * workspace and the benchmarks need thousands of rows in seconds, which one command per
 * row would not give. Each row still gets its creation audit entry and change-log row,
 * so loaded data looks exactly like data made through the console.
 */
export function bulkLoadCustomers(
  sqlite: BetterSqlite3.Database,
  options: { tenantId: string; customers: Iterable<GeneratedCustomer>; actorName: string; client: string },
): number {
  const insertCustomer = sqlite.prepare(`INSERT INTO customers
    (id, tenant_id, name, sort_name, email, country, company, notes, status, version, created_at, updated_at, archived_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 'active', 1, ?, ?, NULL)`);
  const insertAudit = sqlite.prepare(`INSERT INTO audit_log
    (id, tenant_id, actor_id, actor_name, client, action, entity_type, entity_id, before, after, at)
    VALUES (?, ?, NULL, ?, ?, 'customer.created', 'customer', ?, NULL, ?, ?)`);
  const insertChange =
    sqlite.prepare(`INSERT INTO change_log (tenant_id, entity_type, entity_id, op, data, at)
    VALUES (?, 'customer', ?, 'upsert', ?, ?)`);
  let count = 0;
  sqlite.transaction(() => {
    for (const generated of options.customers) {
      const customer: Customer = {
        id: newId('cus', generated.createdAt),
        name: generated.name,
        email: generated.email,
        country: generated.country,
        company: generated.company,
        notes: null,
        status: 'active',
        version: 1,
        createdAt: generated.createdAt,
        updatedAt: generated.createdAt,
        archivedAt: null,
      };
      const json = JSON.stringify(customer);
      insertCustomer.run(
        customer.id,
        options.tenantId,
        customer.name,
        nameSortKey(customer.name),
        customer.email,
        customer.country,
        customer.company,
        customer.createdAt,
        customer.updatedAt,
      );
      insertAudit.run(
        newId('aud', customer.createdAt),
        options.tenantId,
        options.actorName,
        options.client,
        customer.id,
        json,
        customer.createdAt,
      );
      insertChange.run(options.tenantId, customer.id, json, customer.createdAt);
      count++;
    }
    // The prepared statement writes entries without a chain position; link them now.
    chainUnlinkedEntries(sqlite);
  })();
  return count;
}
