import type pg from 'pg';

/**
 * Bulk writes for benchmarks on PostgreSQL: thousands of rows per statement, each column sent as
 * one array and spread by unnest — what the app's one command per change cannot give for a
 * million invoices, with every trigger of the table still firing per row (the row log, list
 * counts, the finalized-invoice guards), so the rows land as the app's writes leave them.
 */

/**
 * Rows per statement, each statement its own transaction (callers run them outside BEGIN). Not
 * one transaction for all: each row's trigger bumps one of a few list_counts rows, and every
 * update of a row leaves a version that a later update in the same transaction must walk past
 * (nothing can prune them while it runs) — quadratic, a 200k-row load took over a quarter of an
 * hour. Batches of a thousand keep the chains short, as the app's one change per command does.
 */
const BATCH = 1_000;

/** A column's element type as unnest needs it, by the catalog's name for it (int8, text, citext…). */
async function columnTypes(client: pg.ClientBase, table: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  if (rows.length === 0) throw new Error(`no table ${table} on PostgreSQL`);
  return new Map(rows.map((row) => [row.column_name, row.udt_name]));
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** SQLite keeps booleans as 0/1; PostgreSQL's bool columns take true/false. */
function convert(type: string, value: unknown): unknown {
  if (type === 'bool' && typeof value === 'number') return value !== 0;
  return value;
}

export interface BulkInsert {
  /** Queues one row (values in the statement's column order), writing a batch when one is full. */
  add(row: readonly unknown[]): Promise<void>;
  /** Writes what is queued; returns the rows written in all. */
  flush(): Promise<number>;
}

/**
 * Queues rows column by column and runs `text` (its parameters one array per column, `$1::type[]`…)
 * for each full batch of `batch` rows.
 */
export function batches(
  client: pg.ClientBase,
  text: string,
  types: readonly string[],
  batch = BATCH,
): BulkInsert {
  let queued: unknown[][] = types.map(() => []);
  let size = 0;
  let written = 0;
  const write = async () => {
    if (size === 0) return;
    const values = queued;
    queued = types.map(() => []);
    written += size;
    size = 0;
    await client.query(text, values);
  };
  return {
    async add(row) {
      types.forEach((type, i) => queued[i]?.push(convert(type, row[i] ?? null)));
      if (++size >= batch) await write();
    },
    async flush() {
      await write();
      return written;
    },
  };
}

/** `$1::int8[], $2::text[], …` for unnest. */
export const arrays = (types: readonly string[]) => types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');

/** The catalog's types of `columns`, refusing a column the table does not have. */
export async function typesOf(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
): Promise<string[]> {
  const types = await columnTypes(client, table);
  return columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table} has no column ${column} on PostgreSQL`);
    return type;
  });
}

/**
 * A batched INSERT INTO `table` (`columns`) on `client`: each batch is one statement,
 * `INSERT … SELECT * FROM unnest($1::type[], …)`, with the column types read from the catalog.
 * `batch` rows per statement (the default suits tables whose triggers fire; see BATCH).
 */
export async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  batch = BATCH,
): Promise<BulkInsert> {
  const types = await typesOf(client, table, columns);
  const text = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')})
    SELECT * FROM unnest(${arrays(types)})`;
  return batches(client, text, types, batch);
}

/**
 * A batched UPDATE of `table` by its `key` column: each batch sets `columns` from arrays joined
 * on the key, one statement per batch (how the finalizing of drafted invoices is replayed).
 * Rows are given as [key, ...columns].
 */
export async function bulkUpdate(
  client: pg.ClientBase,
  table: string,
  key: string,
  columns: readonly string[],
): Promise<BulkInsert> {
  const all = [key, ...columns];
  const types = await typesOf(client, table, all);
  const text = `UPDATE ${quote(table)} AS t SET ${columns.map((c) => `${quote(c)} = v.${quote(c)}`).join(', ')}
    FROM unnest(${arrays(types)}) AS v(${all.map(quote).join(', ')})
    WHERE t.${quote(key)} = v.${quote(key)}`;
  return batches(client, text, types);
}
