/** The part of a pending mark that says where it is: a replica row and, for an update, its columns. */
export interface MarkPlace {
  label: string;
  table: string;
  key: string;
  op: 'insert' | 'update' | 'remove';
  fields: string[];
}

/** What the screens ask of the pending marks: is this row, or this field of it, waiting for the server? */
export interface PendingIndex {
  /** The labels of the commands touching the row, oldest first; empty when it is settled. */
  row(table: string, key: string): string[];
  /** Whether a waiting command changes the field (a new row's fields all wait). */
  field(table: string, key: string, field: string): boolean;
}

// "archived_at" (a replica column) and "archivedAt" (the screen's name) are one field.
const fieldName = (name: string) => name.replace(/_/g, '').toLowerCase();
const rowId = (table: string, key: string) => `${table}\u0000${key}`;

/** Indexes marks by row, so a table of a hundred rows asks in constant time each. */
export function indexPendingMarks(marks: readonly MarkPlace[]): PendingIndex {
  const rows = new Map<string, { labels: string[]; fields: Set<string>; whole: boolean }>();
  for (const mark of marks) {
    const id = rowId(mark.table, mark.key);
    const row = rows.get(id) ?? { labels: [], fields: new Set<string>(), whole: false };
    if (!row.labels.includes(mark.label)) row.labels.push(mark.label);
    if (mark.op === 'update') for (const field of mark.fields) row.fields.add(fieldName(field));
    else row.whole = true;
    rows.set(id, row);
  }
  return {
    row: (table, key) => rows.get(rowId(table, key))?.labels ?? [],
    field: (table, key, field) => {
      const row = rows.get(rowId(table, key));
      return row !== undefined && (row.whole || row.fields.has(fieldName(field)));
    },
  };
}

/** No marks: a standalone console, or nothing waiting. */
export const NO_PENDING: PendingIndex = indexPendingMarks([]);
