import type BetterSqlite3 from 'better-sqlite3';
import type { Customer } from '../../../shared/customers/schema';
import { nameSortKey } from './sort-key';

/**
 * A prepared insert for loading many customers at once (the demo workspace, benchmarks),
 * where one command per row would take minutes. The caller runs it inside its own
 * transaction and writes each row's audit entry and change-log row beside it.
 */
export function prepareCustomerInsert(
  sqlite: BetterSqlite3.Database,
): (tenantId: string, customer: Customer) => void {
  const insert = sqlite.prepare(`INSERT INTO customers
    (id, tenant_id, name, sort_name, email, country, company, notes, status, version, created_at, updated_at, archived_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return (tenantId, c) => {
    insert.run(
      c.id,
      tenantId,
      c.name,
      nameSortKey(c.name),
      c.email,
      c.country,
      c.company,
      c.notes,
      c.status,
      c.version,
      c.createdAt,
      c.updatedAt,
      c.archivedAt,
    );
  };
}
