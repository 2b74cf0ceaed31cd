/**
 * The schema both dialects' migrations must leave, in one normalized shape, and the readable
 * differences between a SQLite and a PostgreSQL schema (server/db/schema-parity.pg.int.test.ts).
 * Pure: the catalog rows come from schema-parity-read.ts.
 *
 * Compared: each table's columns (type family, NOT NULL, position in the primary key) and the
 * names of its explicitly created indexes. Not compared: CHECKs, defaults, foreign keys,
 * trigger bodies, index definitions (the dialects spell them differently on purpose).
 */

export type TypeFamily = 'text' | 'integer' | 'real' | 'blob';

export interface ColumnShape {
  /** A family, or `other(<type>)` for a type that has none (a bug in a migration's form). */
  type: TypeFamily | `other(${string})`;
  notNull: boolean;
  /** 1-based position in the table's primary key; 0 when not part of it. */
  primaryKeyPosition: number;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  /** Names of the indexes made with CREATE INDEX (not those behind PRIMARY KEY / UNIQUE constraints). */
  indexes: string[];
}

export type SchemaShape = Record<string, TableShape>;

/** SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1) applied to a declared type. */
export function sqliteTypeFamily(declared: string): ColumnShape['type'] {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'text';
  if (type === '' || type.includes('BLOB')) return 'blob';
  if (/REAL|FLOA|DOUB/.test(type)) return 'real';
  return `other(${declared})`;
}

const POSTGRES_FAMILIES: Record<string, TypeFamily> = {
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  citext: 'text',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  float4: 'real',
  float8: 'real',
  bytea: 'blob',
};

/** The family of a PostgreSQL column by its udt_name (citext is text: SQLite's NOCASE column). */
export function postgresTypeFamily(udtName: string): ColumnShape['type'] {
  return POSTGRES_FAMILIES[udtName] ?? `other(${udtName})`;
}

/** PRAGMA table_xinfo's row. */
export interface SqliteColumnRow {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  hidden: number;
}

/** PRAGMA index_list's row: origin 'c' is CREATE INDEX, 'u' a UNIQUE constraint, 'pk' the key. */
export interface SqliteIndexRow {
  name: string;
  origin: string;
}

/**
 * One SQLite table's shape. A primary key column counts as NOT NULL: PostgreSQL's always is,
 * and SQLite's pragma reports only the declared constraint (an INTEGER PRIMARY KEY is the rowid
 * and never NULL; STRICT tables are what every migration makes).
 */
export function sqliteTableShape(columns: SqliteColumnRow[], indexes: SqliteIndexRow[]): TableShape {
  const shape: TableShape = { columns: {}, indexes: [] };
  // hidden 1: a virtual table's hidden column; 2 and 3 are generated columns, which are real ones.
  for (const column of columns.filter((c) => c.hidden !== 1)) {
    shape.columns[column.name] = {
      type: sqliteTypeFamily(column.type),
      notNull: column.notnull !== 0 || column.pk > 0,
      primaryKeyPosition: column.pk,
    };
  }
  shape.indexes = indexes
    .filter((i) => i.origin === 'c')
    .map((i) => i.name)
    .sort();
  return shape;
}

/** information_schema.columns joined with the primary key's conkey position (0: not in it). */
export interface PostgresColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  pk_position: number;
}

export interface PostgresIndexRow {
  table_name: string;
  index_name: string;
}

export function postgresSchemaShape(columns: PostgresColumnRow[], indexes: PostgresIndexRow[]): SchemaShape {
  const shape: SchemaShape = {};
  for (const column of columns) {
    const table = (shape[column.table_name] ??= { columns: {}, indexes: [] });
    table.columns[column.column_name] = {
      type: postgresTypeFamily(column.udt_name),
      notNull: column.is_nullable === 'NO',
      primaryKeyPosition: Number(column.pk_position),
    };
  }
  for (const index of indexes) shape[index.table_name]?.indexes.push(index.index_name);
  for (const table of Object.values(shape)) table.indexes.sort();
  return shape;
}

/**
 * The differences the two forms have on purpose (BRIEF and decisions): SQLite's own tables and
 * the FTS5 tables with their shadow tables (PostgreSQL searches customers and courses through indexes instead),
 * the explicit rowid PostgreSQL gives the tables the app pages or orders by rowid, and the
 * PostgreSQL-only indexes: the two that replace FTS5, the email prefix index citext needs, and
 * those on the explicit rowid.
 */
export const KNOWN_DIFFERENCES = {
  sqliteOnlyTable: (name: string) => name.startsWith('sqlite_') || /^(customers|courses)_fts(_|$)/.test(name),
  postgresRowidTables: [
    'audit_log',
    'api_keys',
    'billing_events',
    'customers',
    'invitations',
    'stripe_event_attempts',
    'webhook_events',
  ],
  postgresOnlyIndexes: {
    customers: ['customers_search', 'customers_name_trgm', 'customers_email_prefix'],
    // The marketplace's course search (migration 36), in place of courses_fts.
    courses: ['courses_search'],
    billing_events: ['billing_events_rowid'],
    webhook_events: ['webhook_events_rowid'],
  } as Record<string, string[]>,
};

/** The explicit rowid PostgreSQL adds: a 64-bit identity, never NULL, not part of the key. */
function isExplicitRowid(table: string, name: string, column: ColumnShape): boolean {
  return (
    name === 'rowid' &&
    KNOWN_DIFFERENCES.postgresRowidTables.includes(table) &&
    column.type === 'integer' &&
    column.notNull &&
    column.primaryKeyPosition === 0
  );
}

export function describeColumn(column: ColumnShape): string {
  const key = column.primaryKeyPosition > 0 ? ` PRIMARY KEY #${column.primaryKeyPosition}` : '';
  return `${column.type}${column.notNull ? ' NOT NULL' : ''}${key}`;
}

/** Readable differences between the SQLite and PostgreSQL shapes, known ones left out; [] when alike. */
export function diffSchemas(sqlite: SchemaShape, postgres: SchemaShape): string[] {
  const differences: string[] = [];
  const sqliteTables = Object.keys(sqlite)
    .filter((t) => !KNOWN_DIFFERENCES.sqliteOnlyTable(t))
    .sort();
  for (const table of sqliteTables) {
    if (!postgres[table]) differences.push(`table ${table} exists only on SQLite`);
  }
  for (const table of Object.keys(postgres).sort()) {
    if (!sqlite[table]) differences.push(`table ${table} exists only on PostgreSQL`);
  }
  for (const table of sqliteTables) {
    const [left, right] = [sqlite[table], postgres[table]];
    if (left && right) differences.push(...diffTable(table, left, right));
  }
  return differences;
}

function diffTable(table: string, sqlite: TableShape, postgres: TableShape): string[] {
  const differences: string[] = [];
  for (const [name, column] of Object.entries(sqlite.columns)) {
    const other = postgres.columns[name];
    if (!other) {
      differences.push(`table ${table}: column ${name} (${describeColumn(column)}) exists only on SQLite`);
    } else if (describeColumn(column) !== describeColumn(other)) {
      differences.push(
        `table ${table}: column ${name} is ${describeColumn(column)} on SQLite, ${describeColumn(other)} on PostgreSQL`,
      );
    }
  }
  for (const [name, column] of Object.entries(postgres.columns)) {
    if (sqlite.columns[name] || isExplicitRowid(table, name, column)) continue;
    differences.push(`table ${table}: column ${name} (${describeColumn(column)}) exists only on PostgreSQL`);
  }
  const postgresOnlyAllowed = KNOWN_DIFFERENCES.postgresOnlyIndexes[table] ?? [];
  for (const index of sqlite.indexes) {
    if (!postgres.indexes.includes(index))
      differences.push(`table ${table}: index ${index} exists only on SQLite`);
  }
  for (const index of postgres.indexes) {
    if (sqlite.indexes.includes(index) || postgresOnlyAllowed.includes(index)) continue;
    differences.push(`table ${table}: index ${index} exists only on PostgreSQL`);
  }
  return differences;
}
