import type Database from 'better-sqlite3';
import {
  postgresSchemaShape,
  sqliteTableShape,
  type PostgresColumnRow,
  type PostgresIndexRow,
  type SchemaShape,
  type SqliteColumnRow,
  type SqliteIndexRow,
} from './schema-parity';

/** The shape of a SQLite database's ordinary tables (views and virtual tables are not tables). */
export function readSqliteSchema(sqlite: Database.Database): SchemaShape {
  const tables = sqlite
    .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`)
    .all() as { name: string }[];
  const shape: SchemaShape = {};
  for (const { name } of tables) {
    const columns = sqlite.prepare('SELECT * FROM pragma_table_xinfo(?)').all(name) as SqliteColumnRow[];
    const indexes = sqlite.prepare('SELECT * FROM pragma_index_list(?)').all(name) as SqliteIndexRow[];
    shape[name] = sqliteTableShape(columns, indexes);
  }
  return shape;
}

/** Runs one catalog query on PostgreSQL: a pg client's, a pool's or Kysely's raw query. */
export type PostgresQuery = <Row>(text: string) => Promise<Row[]>;

/** Columns of the current schema's base tables, with each column's place in its primary key. */
const POSTGRES_COLUMNS = `
  SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable,
    coalesce(array_position(pk.conkey, a.attnum), 0) AS pk_position
  FROM information_schema.columns c
  JOIN information_schema.tables t
    ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
  JOIN pg_catalog.pg_class r ON r.relname = c.table_name
    AND r.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = c.table_schema)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attname = c.column_name
  LEFT JOIN pg_catalog.pg_constraint pk ON pk.conrelid = r.oid AND pk.contype = 'p'
  WHERE c.table_schema = current_schema()
  ORDER BY c.table_name, c.ordinal_position`;

/**
 * Indexes made with CREATE INDEX: those backing a PRIMARY KEY, UNIQUE or EXCLUDE constraint
 * are the constraint's, which SQLite's index_list reports with origin 'pk'/'u' and we skip too.
 */
const POSTGRES_INDEXES = `
  SELECT t.relname AS table_name, ic.relname AS index_name
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  WHERE t.relnamespace = current_schema()::regnamespace
    AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_constraint c
      WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
    )
  ORDER BY t.relname, ic.relname`;

/** The shape of the current schema of a PostgreSQL database. */
export async function readPostgresSchema(query: PostgresQuery): Promise<SchemaShape> {
  const columns = await query<PostgresColumnRow>(POSTGRES_COLUMNS);
  const indexes = await query<PostgresIndexRow>(POSTGRES_INDEXES);
  return postgresSchemaShape(columns, indexes);
}
