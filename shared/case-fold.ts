/**
 * The one rule for "the same text, ignoring case" (plan names, and any such value to come):
 * Unicode-aware, so É and é are one letter, on the canonical composition, so an É typed as
 * E + ◌́ is the same É. SQLite's lower() and NOCASE fold ASCII letters only, so such
 * comparisons are made in JavaScript with this rule, never in SQL.
 */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase().normalize('NFC');
}
