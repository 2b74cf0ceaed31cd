import type Database from 'better-sqlite3';
import type { RowKey } from './optimistic/types';

/** A replicated table as the replica writes it: its columns, its key, and the statements for one row. */
export interface TableShape {
  table: string;
  columns: string[];
  key: string[];
  upsert: Database.Statement;
  remove: Database.Statement;
  select: Database.Statement;
  /** UPDATEs of some columns only, by the columns they set (updateRow). */
  updates: Map<string, Database.Statement>;
  /**
   * NOT NULL columns without a default: one the row log leaves out (a license's key hash and
   * sealed key never leave the server) is written as a placeholder naming the row, unique per row.
   */
  required: Set<string>;
}

/** Different sets of changed columns a table keeps statements for, before it starts over. */
const MAX_UPDATE_STATEMENTS = 64;

const shapes = new WeakMap<Database.Database, Map<string, TableShape>>();

/** The table's shape on this database, read once (PRAGMA table_info) and kept with its statements. */
export function tableShape(sqlite: Database.Database, table: string): TableShape {
  let byTable = shapes.get(sqlite);
  if (!byTable) {
    byTable = new Map();
    shapes.set(sqlite, byTable);
  }
  const known = byTable.get(table);
  if (known) return known;
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`);
  const info = sqlite.prepare(`PRAGMA table_info(${table})`).all() as {
    name: string;
    pk: number;
    notnull: number;
    dflt_value: unknown;
  }[];
  if (info.length === 0) throw new Error(`No table ${table} on this replica`);
  const columns = info.map((c) => c.name);
  const key = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const others = columns.filter((c) => !key.includes(c));
  const where = key.map((k) => `${k} = ?`).join(' AND ');
  const shape: TableShape = {
    table,
    columns,
    key,
    upsert: sqlite.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (${key.join(', ')}) DO ${others.length === 0 ? 'NOTHING' : `UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(', ')}`}`,
    ),
    remove: sqlite.prepare(`DELETE FROM ${table} WHERE ${where}`),
    select: sqlite.prepare(`SELECT * FROM ${table} WHERE ${where}`),
    updates: new Map(),
    required: new Set(
      info.filter((c) => c.notnull === 1 && c.dflt_value === null && c.pk === 0).map((c) => c.name),
    ),
  };
  byTable.set(table, shape);
  return shape;
}

/** The key columns' values named by a row key (the row log's format: text, or a JSON array). */
export function keyValues(shape: TableShape, key: RowKey): unknown[] {
  return shape.key.length === 1 ? [key] : (JSON.parse(key) as unknown[]);
}

/** A row's key in the row log's format. */
export function rowKeyOf(shape: TableShape, row: Record<string, unknown>): RowKey {
  const values = shape.key.map((k) => row[k] ?? null);
  if (shape.key.length !== 1) return JSON.stringify(values);
  // Key columns hold text or numbers: a number as text is what the row log's CAST gives too.
  return typeof values[0] === 'string' ? values[0] : JSON.stringify(values[0]);
}

/**
 * Writes a row's whole state. A unique value (an email, an invoice number) can still be held
 * by a row whose newer state comes later in the same pull (or, on a rebase, by a row put back
 * later): the row written now holds it, per the server, so the stale holder goes.
 */
export function writeRow(sqlite: Database.Database, shape: TableShape, row: Record<string, unknown>): void {
  const values = shape.columns.map((c) =>
    !(c in row) && shape.required.has(c) ? `withheld:${rowKeyOf(shape, row)}` : (row[c] ?? null),
  );
  try {
    shape.upsert.run(...values);
  } catch (error) {
    if (!dropStaleHolder(sqlite, shape, row, error)) throw error;
    shape.upsert.run(...values);
  }
}

/**
 * Brings a row the replica holds (`current`) to its new state (`row`) by setting only the
 * columns whose values differ. The result is writeRow's; the cost is not: an upsert sets
 * every column, so every index of the table is rewritten and the search index's trigger
 * re-tokenizes the name, where a changed note or version touches neither (an incremental
 * pull's usual change). Nothing differs: nothing is written.
 */
export function updateRow(
  sqlite: Database.Database,
  shape: TableShape,
  current: Record<string, unknown>,
  row: Record<string, unknown>,
): void {
  const changed = shape.columns.filter(
    (c) => !shape.key.includes(c) && (c in row || !shape.required.has(c)) && current[c] !== (row[c] ?? null),
  );
  if (changed.length === 0) return;
  const statement = updateStatement(sqlite, shape, changed);
  const values = [...changed.map((c) => row[c] ?? null), ...shape.key.map((k) => current[k])];
  try {
    statement.run(...values);
  } catch (error) {
    if (!dropStaleHolder(sqlite, shape, row, error)) throw error;
    statement.run(...values);
  }
}

function updateStatement(
  sqlite: Database.Database,
  shape: TableShape,
  changed: string[],
): Database.Statement {
  const id = changed.join(',');
  const known = shape.updates.get(id);
  if (known) return known;
  if (shape.updates.size >= MAX_UPDATE_STATEMENTS) shape.updates.clear();
  const statement = sqlite.prepare(
    `UPDATE ${shape.table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE ${shape.key.map((k) => `${k} = ?`).join(' AND ')}`,
  );
  shape.updates.set(id, statement);
  return statement;
}

function dropStaleHolder(
  sqlite: Database.Database,
  shape: TableShape,
  row: Record<string, unknown>,
  error: unknown,
): boolean {
  const match = /UNIQUE constraint failed: (.+)$/.exec(error instanceof Error ? error.message : '');
  if (!match?.[1] || match[1].startsWith('index ')) return false;
  const columns = match[1].split(', ').map((qualified) => qualified.split('.')[1] ?? '');
  const keyMismatch = shape.key.map((k) => `${k} IS NOT ?`).join(' OR ');
  sqlite
    .prepare(
      `DELETE FROM ${shape.table} WHERE ${columns.map((c) => `${c} = ?`).join(' AND ')} AND (${keyMismatch})`,
    )
    .run(...columns.map((c) => row[c] ?? null), ...shape.key.map((k) => row[k] ?? null));
  return true;
}
