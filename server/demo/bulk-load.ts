import type BetterSqlite3 from 'better-sqlite3';
import { newId } from '../../shared/ids';
import type { Customer } from '../../shared/customers/schema';
import { chainUnlinkedEntries, prepareUnchainedAuditInsert } from '../commands/audit-chain';
import { prepareCustomerInsert } from '../modules/customers';
import { prepareChangeAppend } from '../commands/change-log';
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
  const insertCustomer = prepareCustomerInsert(sqlite);
  const insertAudit = prepareUnchainedAuditInsert(sqlite);
  const appendChange = prepareChangeAppend(sqlite);
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
      insertCustomer(options.tenantId, customer);
      insertAudit({
        id: newId('aud', customer.createdAt),
        tenantId: options.tenantId,
        actorName: options.actorName,
        client: options.client,
        action: 'customer.created',
        entityType: 'customer',
        entityId: customer.id,
        after: JSON.stringify(customer),
        at: customer.createdAt,
      });
      appendChange({
        tenantId: options.tenantId,
        entityType: 'customer',
        entityId: customer.id,
        data: { ...customer },
        at: customer.createdAt,
      });
      count++;
    }
    // The prepared statement writes entries without a chain position; link them now.
    chainUnlinkedEntries(sqlite);
  })();
  return count;
}
