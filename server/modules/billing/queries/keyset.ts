import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Dialect } from '../../../db/dialect';
import { customerEmailStartsWith, customerWordsMatch } from '../../customers';
import { decodeCursor, encodeCursor } from '../../../lib/keyset-cursor';

export { decodeCursor, encodeCursor };

/**
 * A filter on the customer of a billing row ("ada", "ada@example"), answered by the
 * customers' full-text index or their email index, as the customers list does.
 */
export function customerMatches<T extends keyof DB>(
  dialect: Dialect,
  tenantId: string,
  search: string,
  column: `${T & string}.customer_id`,
) {
  const match = customerEmailStartsWith(dialect, search) ?? customerWordsMatch(dialect, search);
  if (!match) return null;
  return (eb: ExpressionBuilder<DB, T>) =>
    eb(sql.ref(column), 'in', sql`(SELECT id FROM customers WHERE tenant_id = ${tenantId} AND ${match})`);
}
