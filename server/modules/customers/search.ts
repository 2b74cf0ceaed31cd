/**
 * Turns what a user typed into an FTS5 query: every word becomes a quoted prefix term,
 * so "ada lov" finds "Ada Lovelace" and "ada@ex" finds ada@example.com. Quoting each
 * term means no input can reach FTS5's query syntax.
 */
export function toFtsQuery(search: string, maxTerms = 8): string | null {
  const terms = search.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!terms) return null;
  return terms
    .slice(0, maxTerms)
    .map((term) => `"${term}"*`)
    .join(' ');
}

/**
 * When the search looks like an email ("ada@", "ada.l@example.co"), a LIKE pattern for
 * emails starting with it (wildcards escaped); otherwise null.
 */
export function asEmailPrefix(search: string): string | null {
  const trimmed = search.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]*$/.test(trimmed)) return null;
  return `${trimmed.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
