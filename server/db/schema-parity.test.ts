import { describe, expect, it } from 'vitest';
import {
  diffSchemas,
  postgresTypeFamily,
  sqliteTableShape,
  sqliteTypeFamily,
  type ColumnShape,
  type SchemaShape,
  type TableShape,
} from './schema-parity';

const integer = (notNull: boolean, primaryKeyPosition = 0): ColumnShape => ({
  type: 'integer',
  notNull,
  primaryKeyPosition,
});
const text = (notNull: boolean, primaryKeyPosition = 0): ColumnShape => ({
  type: 'text',
  notNull,
  primaryKeyPosition,
});

/** A small schema as SQLite would describe it; each test changes a copy for PostgreSQL. */
function base(): { invoices: TableShape; customers: TableShape } & SchemaShape {
  return {
    invoices: {
      columns: { id: text(true, 1), total: integer(true), paid_at: integer(false) },
      indexes: ['invoices_list'],
    },
    customers: { columns: { id: text(true, 1), name: text(true) }, indexes: ['customers_by_name'] },
  };
}

describe('diffSchemas', () => {
  it('finds nothing between equal shapes', () => {
    expect(diffSchemas(base(), base())).toEqual([]);
  });

  it('reports a changed type family', () => {
    const postgres = base();
    postgres.invoices.columns.total = { type: 'real', notNull: false, primaryKeyPosition: 0 };
    expect(diffSchemas(base(), postgres)).toEqual([
      'table invoices: column total is integer NOT NULL on SQLite, real on PostgreSQL',
    ]);
  });

  it('reports a column missing on either side', () => {
    const postgres = base();
    delete postgres.invoices.columns.paid_at;
    postgres.customers.columns.email = text(true);
    expect(diffSchemas(base(), postgres)).toEqual([
      'table customers: column email (text NOT NULL) exists only on PostgreSQL',
      'table invoices: column paid_at (integer) exists only on SQLite',
    ]);
  });

  it('reports a nullability difference and a primary key difference', () => {
    const postgres = base();
    postgres.customers.columns.name = text(false);
    postgres.invoices.columns.id = text(true);
    expect(diffSchemas(base(), postgres)).toEqual([
      'table customers: column name is text NOT NULL on SQLite, text on PostgreSQL',
      'table invoices: column id is text NOT NULL PRIMARY KEY #1 on SQLite, text NOT NULL on PostgreSQL',
    ]);
  });

  it('reports an extra table on either side, and an index only one side has', () => {
    const sqlite = base();
    sqlite.payments = { columns: { id: text(true, 1) }, indexes: [] };
    const postgres = base();
    postgres.refunds = { columns: { id: text(true, 1) }, indexes: [] };
    postgres.invoices.indexes = ['invoices_list', 'invoices_extra'];
    expect(diffSchemas(sqlite, postgres)).toEqual([
      'table payments exists only on SQLite',
      'table refunds exists only on PostgreSQL',
      'table invoices: index invoices_extra exists only on PostgreSQL',
    ]);
  });

  it('leaves out the documented differences, and only those', () => {
    const sqlite = base();
    sqlite.sqlite_sequence = { columns: { name: text(false), seq: integer(false) }, indexes: [] };
    sqlite.customers_fts_data = { columns: { id: integer(true, 1) }, indexes: [] };
    const postgres = base();
    postgres.customers.columns.rowid = integer(true);
    postgres.customers.indexes.push('customers_search', 'customers_name_trgm');
    expect(diffSchemas(sqlite, postgres)).toEqual([]);

    // A rowid on a table not paged by rowid, or an unlisted PostgreSQL-only index, is a difference.
    postgres.invoices.columns.rowid = integer(true);
    postgres.invoices.indexes.push('invoices_search');
    expect(diffSchemas(sqlite, postgres)).toEqual([
      'table invoices: column rowid (integer NOT NULL) exists only on PostgreSQL',
      'table invoices: index invoices_search exists only on PostgreSQL',
    ]);
  });
});

describe('type families', () => {
  it('maps declared SQLite types by affinity and PostgreSQL types by name', () => {
    expect(['INTEGER', 'TEXT', 'REAL', 'BLOB', ''].map(sqliteTypeFamily)).toEqual([
      'integer',
      'text',
      'real',
      'blob',
      'blob',
    ]);
    expect(['int8', 'text', 'citext', 'float8', 'bytea', 'bool'].map(postgresTypeFamily)).toEqual([
      'integer',
      'text',
      'text',
      'real',
      'blob',
      'other(bool)',
    ]);
  });

  it('counts a SQLite primary key column as NOT NULL and keeps only CREATE INDEX indexes', () => {
    const shape = sqliteTableShape(
      [
        { name: 'id', type: 'TEXT', notnull: 0, pk: 1, hidden: 0 },
        { name: 'n', type: 'INTEGER', notnull: 0, pk: 0, hidden: 0 },
      ],
      [
        { name: 'sqlite_autoindex_t_1', origin: 'u' },
        { name: 't_by_n', origin: 'c' },
      ],
    );
    expect(shape).toEqual({ columns: { id: text(true, 1), n: integer(false) }, indexes: ['t_by_n'] });
  });
});
