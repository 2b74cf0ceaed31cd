import type Database from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import type { DB } from './schema';

/** The better-sqlite3 handle behind each query builder openDatabase made. */
const handles = new WeakMap<Kysely<DB>, Database.Database>();

/** Raw-mode statements by SQL, per handle: apart from Kysely's own cache, as raw mode is a statement's setting. */
const rawStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Raw-mode statements kept per handle; the least recently used goes beyond it. */
const MAX_RAW_STATEMENTS = 64;

/** Records the SQLite handle behind `db` (openDatabase does), for `selectRows`. */
export function registerSqliteHandle(db: Kysely<DB>, sqlite: Database.Database): void {
  handles.set(db, sqlite);
}

function rawStatement(sqlite: Database.Database, text: string): Database.Statement {
  let kept = rawStatements.get(sqlite);
  if (!kept) rawStatements.set(sqlite, (kept = new Map<string, Database.Statement>()));
  const statement = kept.get(text);
  if (statement && !statement.busy) {
    // Maps iterate in insertion order: re-inserting makes the first entry the least recently used.
    kept.delete(text);
    kept.set(text, statement);
    return statement;
  }
  const prepared = sqlite.prepare(text).raw(true);
  if (statement) return prepared;
  kept.set(text, prepared);
  if (kept.size > MAX_RAW_STATEMENTS) {
    const oldest = kept.keys().next();
    if (!oldest.done) kept.delete(oldest.value);
  }
  return prepared;
}

/** Rows as objects keyed by the statement's column names, built here from raw arrays. */
function objectsOf(columns: readonly string[], rows: readonly unknown[][]): Record<string, unknown>[] {
  const width = columns.length;
  return rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < width; index++) row[columns[index] as string] = values[index];
    return row;
  });
}

/**
 * A SELECT's rows, as `query.execute()` gives them, for a list read in big pages (decision 169).
 * On SQLite it runs the query's compiled SQL on better-sqlite3's handle in raw mode (values as
 * arrays) and builds each row object in JavaScript, which costs a fraction of better-sqlite3
 * building it (about 3 µs a row of 15 columns): the SQL is the query's own, and Kysely's connection is
 * held while it runs, so it never reads inside another caller's open transaction. Elsewhere
 * (PostgreSQL, a transaction, a builder openDatabase did not make) it is `query.execute()`.
 * The app's Kysely has no result plugins, which this path would skip.
 */
export async function selectRows<R>(
  db: Kysely<DB>,
  query: Compilable<R> & { execute(): Promise<R[]> },
): Promise<R[]> {
  const sqlite = handles.get(db);
  if (!sqlite) return query.execute();
  const compiled = query.compile();
  return db.connection().execute(() => {
    const statement = rawStatement(sqlite, compiled.sql);
    const values = statement.all(...compiled.parameters) as unknown[][];
    const columns = statement.columns().map((column) => column.name);
    return Promise.resolve(objectsOf(columns, values) as R[]);
  });
}
