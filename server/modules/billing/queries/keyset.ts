import type { Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../../db/schema';
import { dialectOf } from '../../../db/dialect';
import {
  customerSearchMatch,
  fewMatchesCap,
  inMatchedCustomers,
  listSourceFor,
  matchedCustomers,
  type MatchedCustomers,
} from '../../customers';
import { decodeCursor, encodeCursor } from '../../../lib/keyset-cursor';

export { decodeCursor, encodeCursor };

/** The condition on a billing row's customer for the page, and for the capped total. */
export interface CustomerSearchFilter {
  page: RawBuilder<boolean>;
  total: RawBuilder<boolean>;
  matched: MatchedCustomers;
}

type BillingList = 'invoices' | 'payments' | 'subscriptions';

/** What `list`'s page or capped total reads from, for the search (if any): see `listSourceFor`. */
export function listSource<T extends BillingList>(
  db: Kysely<DB>,
  list: T,
  match: CustomerSearchFilter | null,
  use: 'page' | 'total',
): SelectQueryBuilder<DB, T, object> {
  return listSourceFor(db, list, match?.matched ?? null, use === 'page' ? 'list' : 'customers');
}

/** The tenant's customers and `list`'s rows, from the trigger-kept counters (one small read). */
async function listSizes(db: Kysely<DB>, tenantId: string, list: 'invoices' | 'payments' | 'subscriptions') {
  const rows = await db
    .selectFrom('list_counts')
    .select(['list', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('tenant_id', '=', tenantId)
    .where('list', 'in', ['customers', list])
    .groupBy('list')
    .execute();
  const of = (name: string) => Number(rows.find((row) => row.list === name)?.n ?? 0);
  return { customers: of('customers'), rows: of(list) };
}

async function capFor(
  db: Kysely<DB>,
  tenantId: string,
  list: 'invoices' | 'payments' | 'subscriptions',
  page: number,
) {
  const sizes = await listSizes(db, tenantId, list);
  return fewMatchesCap(sizes.customers, sizes.rows, page);
}

/**
 * A filter on the customer of a billing row ("ada", "ada@example"), answered by the
 * customers' full-text index or their email index, as the customers list does — in the form
 * that is cheap for how many customers match (customers/matched-customers.ts): the matching
 * ids walked per customer when few, the list walked in its order against the set when many.
 */
export async function customerSearchFilter(
  db: Kysely<DB>,
  tenantId: string,
  search: string,
  target: {
    list: 'invoices' | 'payments' | 'subscriptions';
    column: string;
    page: number;
    /** The form's choice made by hand (tests of both forms); else from the counters. */
    cap?: number | undefined;
    /** How many ids SQLite's many form may carry (tests of its subquery form); else CARRIED_IDS_CAP. */
    carriedIdsCap?: number | undefined;
  },
): Promise<CustomerSearchFilter | null> {
  const match = customerSearchMatch(dialectOf(db), search);
  if (!match) return null;
  const cap = target.cap ?? (await capFor(db, tenantId, target.list, target.page));
  const matched = await matchedCustomers(db, tenantId, match, cap, target.carriedIdsCap);
  return {
    page: inMatchedCustomers(matched, target.column, 'list'),
    total: inMatchedCustomers(matched, target.column, 'customers'),
    matched,
  };
}
