import type Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { DB } from '../../../db/schema';
import { notFound } from '../../../lib/errors';
import { isProvisionalId } from './provisional-id';
import { refuseUnowned } from './provisional-owner';

type TenantTable =
  | 'customers'
  | 'invoices'
  | 'invoice_lines'
  | 'payments'
  | 'refunds'
  | 'subscriptions'
  | 'payment_methods'
  | 'plans'
  | 'products'
  | 'prices'
  | 'test_clocks'
  | 'webhook_endpoints'
  | 'email_outbox';

export type ReplicaRow<T extends TenantTable> = Selectable<DB[T]>;

/**
 * One of the tenant's rows as the replica holds it now: the server's newest row with every
 * earlier pending command applied. Effects read through here, synchronously, inside the
 * replica transaction that applies them.
 */
export function findRow<T extends TenantTable>(
  sqlite: Database.Database,
  table: T,
  tenantId: string,
  id: string,
): ReplicaRow<T> | undefined {
  return sqlite.prepare(`SELECT * FROM ${table} WHERE tenant_id = ? AND id = ?`).get(tenantId, id) as
    ReplicaRow<T> | undefined;
}

/**
 * As findRow, but a row the replica does not hold is the NOT_FOUND the server would answer.
 * A row only this desktop holds (a provisional id) is acted on while the create that made it
 * waits in the outbox: the command follows it to the server's id (decision 106). One whose
 * create was cancelled or refused never will exist, and is refused with why.
 */
export function loadRow<T extends TenantTable>(
  sqlite: Database.Database,
  table: T,
  tenantId: string,
  id: string,
  what: string,
): ReplicaRow<T> {
  if (isProvisionalId(id)) refuseUnowned(sqlite, id, what);
  const row = findRow(sqlite, table, tenantId, id);
  if (!row) throw notFound(what);
  return row;
}
