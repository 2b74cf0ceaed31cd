/**
 * The key names sort by: accents folded and case ignored, so "Éloïse" sorts among the
 * E's rather than after "Zoe" (SQLite's NOCASE folds ASCII only, and this build has no ICU).
 */
export function nameSortKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
