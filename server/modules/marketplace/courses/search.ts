import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../../../db/dialect';
import { COURSES_SEARCH_DOCUMENT_V36 } from '../../../db/migrations/0036_marketplace';
import { toFtsQuery } from '../../customers';

/**
 * Courses by typed words, on each database's own text index: every typed word must start a word
 * of the title, subtitle or description ("java scr" finds "JavaScript for screen readers").
 *
 * SQLite: the FTS5 table courses_fts (unicode61, diacritics removed). PostgreSQL: the GIN index
 * courses_search, on the very expression migration 0036 indexes.
 */
const POSTGRES_DOCUMENT = sql.raw(COURSES_SEARCH_DOCUMENT_V36);

/** A condition on `courses` for the typed words, or null when there are none. */
export function courseWordsMatch(dialect: Dialect, search: string): RawBuilder<boolean> | null {
  if (dialect === 'sqlite') {
    const fts = toFtsQuery(search);
    return fts
      ? sql<boolean>`courses.rowid IN (SELECT rowid FROM courses_fts WHERE courses_fts MATCH ${fts})`
      : null;
  }
  const words = toPrefixTsQuery(search);
  return words ? sql<boolean>`${POSTGRES_DOCUMENT} @@ to_tsquery('simple', ${words})` : null;
}

/**
 * The typed words as a tsquery of prefixes ('java:* & scr:*'): letters and digits only, so nothing
 * typed is read as tsquery syntax; the 'simple' parser then cuts each word as it cut the document.
 */
export function toPrefixTsQuery(search: string, maxTerms = 8): string | null {
  const terms = search.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!terms) return null;
  return terms
    .slice(0, maxTerms)
    .map((term) => `${term}:*`)
    .join(' & ');
}
