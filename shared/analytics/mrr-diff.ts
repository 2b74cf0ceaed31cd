/**
 * What must change in a stored set of rows to make it equal a derived one, matched by id:
 * the incremental path and the rebuild both write only this difference, so a derivation that
 * finds nothing new writes nothing.
 */
export interface RowDiff<T> {
  inserted: T[];
  /** The stored rows that are replaced (by the derived row of the same id, in `inserted`) or gone. */
  deleted: T[];
}

export function diffById<T extends { id: string }>(
  stored: readonly T[],
  derived: readonly T[],
  equal: (a: T, b: T) => boolean,
): RowDiff<T> {
  const storedById = new Map(stored.map((row) => [row.id, row]));
  const inserted: T[] = [];
  const deleted: T[] = [];
  for (const row of derived) {
    const old = storedById.get(row.id);
    storedById.delete(row.id);
    if (old && equal(old, row)) continue;
    if (old) deleted.push(old);
    inserted.push(row);
  }
  deleted.push(...storedById.values());
  return { inserted, deleted };
}

/** Equal when every field is: rows are flat records of numbers, strings and nulls. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
