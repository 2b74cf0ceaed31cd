import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../../db/dialect';
import { CUSTOMERS_SEARCH_DOCUMENT_V1 } from '../../db/migrations/0001_foundation';
import { asEmailPrefix, toFtsQuery } from './search';
import { nameSortKey } from './sort-key';

/**
 * Customers by typed words, on each database's own text index: every typed word must start a
 * word of the name, email or company ("mar" finds Mary, Margaux, marine@…).
 *
 * SQLite: the FTS5 table customers_fts (unicode61, diacritics removed). PostgreSQL: the GIN
 * index customers_search, on the very expression migration 0001 indexes (PostgreSQL uses an
 * expression index only for a query that spells the same expression).
 */
const POSTGRES_DOCUMENT = sql.raw(CUSTOMERS_SEARCH_DOCUMENT_V1);

/** A condition on `customers` for the typed words, or null when there are none. */
export function customerWordsMatch(dialect: Dialect, search: string): RawBuilder<boolean> | null {
  if (dialect === 'sqlite') {
    const fts = toFtsQuery(search);
    return fts
      ? sql<boolean>`customers.rowid IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ${fts})`
      : null;
  }
  const words = toPrefixTsQuery(search);
  return words ? sql<boolean>`${POSTGRES_DOCUMENT} @@ to_tsquery('simple', ${words})` : null;
}

/**
 * The typed words as a tsquery of prefixes ('mar:* & lov:*'): folded as the indexed name is,
 * and only letters and digits, so nothing typed is read as tsquery syntax.
 */
export function toPrefixTsQuery(search: string, maxTerms = 8): string | null {
  const terms = nameSortKey(search).match(/[\p{L}\p{N}]+/gu);
  if (!terms) return null;
  return terms
    .slice(0, maxTerms)
    .map((term) => `${term}:*`)
    .join(' & ');
}

/**
 * A condition on `customers` for an email-shaped search (a prefix of one address), or null.
 * SQLite's LIKE ignores ASCII case and uses the NOCASE email index; on PostgreSQL the email
 * is citext, whose LIKE no b-tree serves, so the prefix is matched on the expression that
 * migration 0021's customers_email_prefix indexes.
 */
export function customerEmailStartsWith(dialect: Dialect, search: string): RawBuilder<boolean> | null {
  const prefix = asEmailPrefix(search);
  if (!prefix) return null;
  return dialect === 'sqlite'
    ? sql<boolean>`customers.email LIKE ${prefix} ESCAPE '\\'`
    : sql<boolean>`lower(customers.email::text) LIKE ${prefix.toLowerCase()} ESCAPE '\\'`;
}
