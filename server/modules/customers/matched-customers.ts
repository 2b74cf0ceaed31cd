import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Dialect } from '../../db/dialect';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { customerEmailStartsWith, customerWordsMatch } from './text-search';

/**
 * A list filtered by the customers a search matches ("mar" — 3,617 customers of 100,000 — or
 * "okafor gmail" — three), in the form that is cheap for how many match. Two forms, the same
 * rows in the same order:
 *
 * - few: the matching ids are read first from the text index (a capped read), and the list is
 *   walked per customer on its (tenant, customer, created_at, id) index: every row of those
 *   customers is read and sorted, which costs matches × rows per customer;
 * - many: the list is walked in its own order on its list index and each row's customer is
 *   probed in the set of matches, built once per query (SQLite: an ephemeral table, the
 *   column spelled `+col` so it cannot drive the loop; PostgreSQL: `(… IN …) IS TRUE`, which
 *   the planner cannot pull up into a join, so it is a hashed subplan read once from the GIN
 *   index instead of the search document recomputed per probe). That costs about
 *   page × all rows ÷ matching rows.
 *
 * The per-customer walk wins while matches × rows per customer ≤ page × rows ÷ (matches × rows
 * per customer), i.e. while matches ≤ customers × √(page ÷ rows): `fewMatchesCap`.
 *
 * On SQLite the many form carries the matched ids too (up to `CARRIED_IDS_CAP`), read once, and
 * page and total probe them as one JSON value: an `IN (SELECT …)` set is built whole for each
 * statement, and building it (the FTS read, then each customer's row for its id) cost more than
 * the walk (decision 130). PostgreSQL keeps the set as a hashed subplan: an array of thousands
 * of ids as a parameter took 4–9 ms to plan (its selectivity is estimated element by element).
 */
export type MatchedCustomers =
  | { kind: 'none' }
  | {
      kind: 'few';
      ids: string[];
      dialect: Dialect;
      /** SQLite: the same ids as a JSON array, the outer loop of the list's source (`listSourceFor`). */
      idsJson: string | null;
    }
  | {
      kind: 'many';
      match: RawBuilder<boolean>;
      dialect: Dialect;
      tenantId: string;
      /** Every match's id as a JSON array, when read (SQLite, up to CARRIED_IDS_CAP); else null: the set is a subquery. */
      idsJson: string | null;
    };

/** Under this many matches the per-customer walk is always cheap, whatever the list's shape. */
const FEW_FLOOR = 100;
/** Past this many, reading the ids alone costs more than the set the other form builds. */
const FEW_CEILING = 5_000;
/**
 * SQLite's many form carries at most this many ids (about 600 KB of JSON); past it the set is
 * a subquery. A search matching more is a fifth of a 100,000-customer workspace: its walk is short.
 */
export const CARRIED_IDS_CAP = 20_000;
/** The alias of the carried ids (json_each) in a customer-driven count's source. */
const CARRIED_IDS = 'carried_ids';

/** How many matches the per-customer walk may take for a list of `rows` rows over `customers` customers. */
export function fewMatchesCap(customers: number, rows: number, page: number): number {
  if (rows <= 0 || customers <= 0) return FEW_FLOOR;
  const cap = Math.ceil(customers * Math.sqrt((page + 1) / rows));
  return Math.min(FEW_CEILING, Math.max(FEW_FLOOR, cap));
}

/** The condition on `customers` a search means (an email prefix, else its words), or null for none. */
export function customerSearchMatch(dialect: Dialect, search: string): RawBuilder<boolean> | null {
  return customerEmailStartsWith(dialect, search) ?? customerWordsMatch(dialect, search);
}

/**
 * The customers `match` finds: their ids when at most `cap` (a read stopped at cap + 1), else the
 * set's form — with the ids on SQLite when at most `carriedIdsCap` (the same read, stopped later).
 */
export async function matchedCustomers(
  db: Kysely<DB>,
  tenantId: string,
  match: RawBuilder<boolean>,
  cap: number,
  carriedIdsCap = CARRIED_IDS_CAP,
): Promise<MatchedCustomers> {
  const dialect = dialectOf(db);
  const matches = (limit: number) =>
    db
      .selectFrom('customers')
      .select('customers.id')
      .where('customers.tenant_id', '=', tenantId)
      .where(match)
      .limit(limit);
  if (dialect === 'postgres') {
    const rows = await matches(cap + 1).execute();
    if (rows.length === 0) return { kind: 'none' };
    if (rows.length <= cap) return { kind: 'few', ids: rows.map((row) => row.id), dialect, idsJson: null };
    return { kind: 'many', match, dialect, tenantId, idsJson: null };
  }
  // SQLite: the ids as one JSON text built by SQLite, not thousands of row objects (2.4 ms of
  // CPU for 3,738 ids read as rows).
  const carried = Math.max(cap, carriedIdsCap);
  const read = await db
    .selectFrom(matches(carried + 1).as('matched'))
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<string>`json_group_array(matched.id)`.as('ids')])
    .executeTakeFirstOrThrow();
  const n = Number(read.n);
  if (n === 0) return { kind: 'none' };
  if (n <= cap) return { kind: 'few', ids: JSON.parse(read.ids) as string[], dialect, idsJson: read.ids };
  return { kind: 'many', match, dialect, tenantId, idsJson: n <= carried ? read.ids : null };
}

/**
 * `column` (a customer id) among the matched customers, in the form their number calls for;
 * `drive` says whether the customers may drive the loop (a capped count: it stops after the
 * first thousand rows, so the customers' own index is the short way) or must not (a page in
 * the list's order).
 */
export function inMatchedCustomers(
  matched: MatchedCustomers,
  column: string,
  drive: 'list' | 'customers',
): RawBuilder<boolean> {
  const ref = sql.ref(column);
  switch (matched.kind) {
    case 'none':
      return sql<boolean>`1 = 0`;
    case 'few':
      // PostgreSQL: one array parameter, so the statement is the same size for 3 ids or 3,000.
      // SQLite: the ids drive from outside a CROSS JOIN (`listSourceFor`). As `IN (…)` its planner
      // walked the list index instead once that index carried customer_id (migration 0024): 190 ms
      // against 1 ms for 13 customers at 300,000 invoices; through `IN (SELECT … json_each)` too.
      return matched.idsJson !== null
        ? sql<boolean>`${ref} = ${sql.ref(`${CARRIED_IDS}.value`)}`
        : sql<boolean>`${ref} = ANY(${matched.ids}::text[])`;
    case 'many': {
      if (matched.idsJson) {
        // SQLite only: one JSON value, so the statement is the same (and stays prepared) for
        // any count. Driven by the customers, the ids are the outer loop of the source that
        // `listSourceFor` builds (a CROSS JOIN), so the capped count stops after its first
        // thousand rows instead of building the whole set first.
        if (drive === 'customers') return sql<boolean>`${ref} = ${sql.ref(`${CARRIED_IDS}.value`)}`;
        return sql<boolean>`+${ref} IN (SELECT value FROM json_each(${matched.idsJson}))`;
      }
      const set = sql`(SELECT customers.id FROM customers WHERE customers.tenant_id = ${matched.tenantId} AND ${matched.match})`;
      if (drive === 'customers') return sql<boolean>`${ref} IN ${set}`;
      return matched.dialect === 'sqlite'
        ? sql<boolean>`+${ref} IN ${set}`
        : sql<boolean>`(${ref} IN ${set}) IS TRUE`;
    }
  }
}

/**
 * What a list's query reads from: the table, or on SQLite for a customer-driven query (the few
 * form's page and total, the many form's total) the matched ids CROSS JOIN the table — SQLite keeps a CROSS JOIN's order, and
 * with a plain join its planner walked the table outside and json_each inside (1.6 s for 1,001
 * rows). The condition from `inMatchedCustomers` joins the two.
 */
export function listSourceFor<T extends 'invoices' | 'payments' | 'subscriptions'>(
  db: Kysely<DB>,
  table: T,
  matched: MatchedCustomers | null,
  drive: 'list' | 'customers',
): SelectQueryBuilder<DB, T, object> {
  const driven =
    (matched?.kind === 'few' || (matched?.kind === 'many' && drive === 'customers')) && matched.idsJson;
  if (!driven) {
    return db.selectFrom(table as 'invoices') as unknown as SelectQueryBuilder<DB, T, object>;
  }
  // The filters that follow name only `table`'s columns, so the builder is typed as the table's alone.
  return db
    .selectFrom(sql`json_each(${driven})`.as(CARRIED_IDS))
    .crossJoin(table as 'invoices') as unknown as SelectQueryBuilder<DB, T, object>;
}
