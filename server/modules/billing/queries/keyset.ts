import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../../db/schema';
import { asEmailPrefix, toFtsQuery } from '../../customers';
import { decodeCursor, encodeCursor } from '../../../lib/keyset-cursor';

export { decodeCursor, encodeCursor };

/**
 * A filter on the customer of a billing row ("ada", "ada@example"), answered by the
 * customers' full-text index or their email index, as the customers list does.
 */
export function customerMatches<T extends keyof DB>(
  tenantId: string,
  search: string,
  column: `${T & string}.customer_id`,
) {
  const email = asEmailPrefix(search);
  const fts = email ? null : toFtsQuery(search);
  if (!email && !fts) return null;
  return (eb: ExpressionBuilder<DB, T>) =>
    eb(
      sql.ref(column),
      'in',
      email
        ? sql`(SELECT id FROM customers WHERE tenant_id = ${tenantId} AND email LIKE ${email} ESCAPE '\\')`
        : sql`(SELECT id FROM customers WHERE tenant_id = ${tenantId} AND rowid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ${fts}))`,
    );
}
