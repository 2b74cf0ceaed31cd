import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { Customer, CustomerSortField, CustomerStatus } from '../../../shared/customers/schema';
import type { Page } from '../../../shared/page';
import { cappedTotal, countedTotal } from '../../db/list-totals';
import type { DB } from '../../db/schema';
import { decodeCursor } from '../../lib/keyset-cursor';
import { keysetPage } from '../../lib/keyset-page';
import { dialectOf } from '../../db/dialect';
import { customerEmailStartsWith, customerWordsMatch } from './text-search';
import { fewMatchesCap, inMatchedCustomers, matchedCustomers } from './matched-customers';
import { nameSortKey } from './sort-key';

type Db = Kysely<DB> | Transaction<DB>;
type CustomerRow = DB['customers'];

const COLUMNS = [
  'id',
  'name',
  'email',
  'country',
  'company',
  'notes',
  'status',
  'version',
  'created_at',
  'updated_at',
  'archived_at',
] as const;

const SORT_COLUMN = {
  name: 'sort_name',
  email: 'email',
  country: 'country',
  createdAt: 'created_at',
} as const satisfies Record<CustomerSortField, keyof CustomerRow>;

export function toCustomer(row: Pick<CustomerRow, (typeof COLUMNS)[number]>): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    country: row.country,
    company: row.company,
    notes: row.notes,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

export async function insertCustomer(db: Db, tenantId: string, customer: Customer): Promise<void> {
  await db
    .insertInto('customers')
    .values({
      id: customer.id,
      tenant_id: tenantId,
      name: customer.name,
      sort_name: nameSortKey(customer.name),
      email: customer.email,
      country: customer.country,
      company: customer.company,
      notes: customer.notes,
      status: customer.status,
      version: customer.version,
      created_at: customer.createdAt,
      updated_at: customer.updatedAt,
      archived_at: customer.archivedAt,
    })
    .execute();
}

export async function findCustomer(db: Db, tenantId: string, id: string): Promise<Customer | undefined> {
  const row = await db
    .selectFrom('customers')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toCustomer(row);
}

/** The id of the tenant's customer with this email (case-insensitive), if any. */
export async function findCustomerIdByEmail(
  db: Db,
  tenantId: string,
  email: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id;
}

/** Writes the new state only if the row is still at `expectedVersion`; returns whether it was. */
export async function updateCustomerIfVersion(
  db: Db,
  tenantId: string,
  customer: Customer,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({
      name: customer.name,
      sort_name: nameSortKey(customer.name),
      email: customer.email,
      country: customer.country,
      company: customer.company,
      notes: customer.notes,
      status: customer.status,
      version: customer.version,
      updated_at: customer.updatedAt,
      archived_at: customer.archivedAt,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', customer.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface CustomerQuery {
  search: string;
  status: CustomerStatus | 'all';
  country: string | null;
  sort: { field: CustomerSortField; direction: 'asc' | 'desc' };
  cursor: string | null;
  limit: number;
}

export type CustomerPage = Page<Customer>;

/** The search's condition for the page and for the capped total, or null without a search. */
interface SearchFilter {
  page: RawBuilder<boolean>;
  total: RawBuilder<boolean>;
}

/**
 * An email-shaped search is a prefix of one address: the email index answers it directly,
 * where the text index would match every "gmail" and "com". Words are matched, on PostgreSQL,
 * in the form that is cheap for how many customers they find (matched-customers.ts): few —
 * their ids; many — the list walked in its sort order against the set. The capped total counts on the text
 * index itself, which stops at the cap either way.
 */
async function searchFilter(
  db: Db,
  tenantId: string,
  query: CustomerQuery,
  fewMatchesCapGiven: number | undefined,
): Promise<SearchFilter | null> {
  const email = customerEmailStartsWith(dialectOf(db), query.search);
  if (email) return { page: email, total: email };
  const words = customerWordsMatch(dialectOf(db), query.search);
  if (!words) return null;
  // SQLite reads the FTS matches and sorts them, which beat walking the sort index against
  // the set at 30,000 customers ("mar": 3.9 ms against 12 ms, p50 under load); PostgreSQL's
  // planner walked the index and recomputed the search document per row (54 ms against 24).
  if (dialectOf(db) === 'sqlite') return { page: words, total: words };
  const cap = fewMatchesCapGiven ?? (await capFor(db, tenantId, query.limit));
  const matched = await matchedCustomers(db, tenantId, words, cap);
  return { page: inMatchedCustomers(matched, 'customers.id', 'list'), total: words };
}

/** Rows per customer is one here: the per-customer walk is the text index's own read and a sort. */
async function capFor(db: Db, tenantId: string, page: number): Promise<number> {
  const { total: customers } = await countedTotal(db, tenantId, 'customers', '%');
  return fewMatchesCap(customers, customers, page);
}

function filtered(db: Db, tenantId: string, query: CustomerQuery, search: RawBuilder<boolean> | null) {
  let q = db.selectFrom('customers').where('customers.tenant_id', '=', tenantId);
  if (query.status !== 'all') q = q.where('customers.status', '=', query.status);
  if (query.country) q = q.where('customers.country', '=', query.country);
  return search ? q.where(search) : q;
}

/** One page of the tenant's customers, by keyset on (sort column, id) so deep pages cost what the first does. */
export async function selectCustomerPage(
  db: Db,
  tenantId: string,
  query: CustomerQuery,
  /** Overrides the search's choice of form (matched-customers.ts), for tests of both. */
  options: { fewMatchesCap?: number } = {},
): Promise<CustomerPage> {
  const column = SORT_COLUMN[query.sort.field];
  const direction = query.sort.direction;
  const search = await searchFilter(db, tenantId, query, options.fewMatchesCap);
  let q = filtered(db, tenantId, query, search?.page ?? null).select([...COLUMNS, 'sort_name']);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb(
        eb.refTuple(`customers.${column}`, 'customers.id'),
        direction === 'asc' ? '>' : '<',
        eb.tuple(cursor.value as never, cursor.id),
      ),
    );
  }
  const rows = await q
    .orderBy(`customers.${column}`, direction)
    .orderBy('customers.id', direction)
    .limit(query.limit + 1)
    .execute();
  return keysetPage(rows, query.limit, {
    item: toCustomer,
    cursorOf: (row) => ({ value: row[column], id: row.id }),
    total: await totalOf(db, tenantId, query, search?.total ?? null),
  });
}

/**
 * The first page's total: from the trigger-kept counter when only the status filters,
 * else a count of the matches, stopped at the cap so a broad search stays cheap.
 */
async function totalOf(
  db: Db,
  tenantId: string,
  query: CustomerQuery,
  search: RawBuilder<boolean> | null,
): Promise<{ total: number | null; totalCapped: boolean }> {
  if (query.cursor) return { total: null, totalCapped: false };
  if (!query.search.trim() && !query.country) {
    return countedTotal(db, tenantId, 'customers', query.status === 'all' ? '%' : query.status);
  }
  return cappedTotal(filtered(db, tenantId, query, search), db);
}
