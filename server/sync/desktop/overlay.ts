import type Database from 'better-sqlite3';
import type { LocalWriter, RowKey } from './optimistic/types';
import { DomainError } from '../../lib/errors';
import { keyValues, rowKeyOf, tableShape, writeRow, type TableShape } from './row-shape';

/** A row a pending command changed, as the console marks it. */
export interface PendingMark {
  outboxId: number;
  label: string;
  table: string;
  key: RowKey;
  op: 'insert' | 'update' | 'remove';
  fields: string[];
}

type Op = PendingMark['op'];

/**
 * The pending commands' layer over a replica's server rows. Before a command first writes a
 * row, the server's version of it is kept in sync_overlay (NULL when the server has no such
 * row); pulled changes for that row update the kept version instead of the table; putting
 * every kept version back leaves exactly the server's rows (see rebase.ts).
 */
export class Overlay {
  // Prepared once: a pull asks `holds` for every row it applies.
  private readonly holding: Database.Statement;
  private readonly rebasing: Database.Statement;
  private readonly any: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    this.holding = sqlite.prepare('SELECT 1 FROM sync_overlay WHERE table_name = ? AND row_key = ?');
    this.rebasing = sqlite.prepare(
      'UPDATE sync_overlay SET base_row = ? WHERE table_name = ? AND row_key = ?',
    );
    this.any = sqlite.prepare('SELECT 1 FROM sync_overlay LIMIT 1');
  }

  /** Whether a pending command changed this row, so the server's newer state is its base, not the table's. */
  holds(table: string, key: RowKey): boolean {
    return this.holding.get(table, key) !== undefined;
  }

  /** Records the server's newest state of a row held here (null: deleted). */
  setBase(table: string, key: RowKey, row: string | null): void {
    this.rebasing.run(row, table, key);
  }

  /** Whether any pending command's writes are on the replica. */
  isEmpty(): boolean {
    return this.any.get() === undefined;
  }

  /** Puts every kept server version back (a NULL one: the row goes) and forgets the layer. */
  restoreAll(): void {
    const kept = this.sqlite.prepare('SELECT table_name, row_key, base_row FROM sync_overlay').all() as {
      table_name: string;
      row_key: string;
      base_row: string | null;
    }[];
    // Rows first go, then the server's versions come back, so one row's unique value (an email
    // a pending edit moved) is free again when its holder on the server is written.
    for (const row of kept) {
      const shape = tableShape(this.sqlite, row.table_name);
      shape.remove.run(...keyValues(shape, row.row_key));
    }
    for (const row of kept) {
      if (row.base_row === null) continue;
      writeRow(
        this.sqlite,
        tableShape(this.sqlite, row.table_name),
        JSON.parse(row.base_row) as Record<string, unknown>,
      );
    }
    this.sqlite.prepare('DELETE FROM sync_overlay').run();
    this.sqlite.prepare('DELETE FROM sync_pending_marks').run();
  }

  /** The writer one command's effect writes through. */
  writerFor(outboxId: number): LocalWriter {
    const sqlite = this.sqlite;
    return {
      sqlite,
      insert: (table, row) => {
        const shape = tableShape(sqlite, table);
        const key = rowKeyOf(shape, row);
        this.keepBase(table, key);
        insertRow(sqlite, shape, row);
        this.mark(outboxId, table, key, 'insert', Object.keys(row));
      },
      update: (table, key, fields) => {
        const shape = tableShape(sqlite, table);
        const names = Object.keys(fields);
        const unknown = names.find((name) => !shape.columns.includes(name) || shape.key.includes(name));
        if (unknown) throw new Error(`${table}.${unknown} is not a column an effect may set`);
        this.keepBase(table, key);
        if (names.length > 0) {
          sqlite
            .prepare(
              `UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE ${shape.key.map((k) => `${k} = ?`).join(' AND ')}`,
            )
            .run(...names.map((n) => storable(fields[n])), ...keyValues(shape, key));
        }
        this.mark(outboxId, table, key, 'update', names);
      },
      remove: (table, key) => {
        const shape = tableShape(sqlite, table);
        this.keepBase(table, key);
        shape.remove.run(...keyValues(shape, key));
        this.mark(outboxId, table, key, 'remove', []);
      },
    };
  }

  /** Each row pending commands changed, with the command's label, oldest command first. */
  marks(): PendingMark[] {
    const rows = this.sqlite
      .prepare(
        `SELECT m.outbox_id, o.label, m.table_name, m.row_key, m.op, m.fields
         FROM sync_pending_marks m JOIN sync_outbox o ON o.id = m.outbox_id
         ORDER BY m.outbox_id, m.table_name, m.row_key`,
      )
      .all() as {
      outbox_id: number;
      label: string;
      table_name: string;
      row_key: string;
      op: Op;
      fields: string;
    }[];
    return rows.map((row) => ({
      outboxId: row.outbox_id,
      label: row.label,
      table: row.table_name,
      key: row.row_key,
      op: row.op,
      fields: JSON.parse(row.fields) as string[],
    }));
  }

  private keepBase(table: string, key: RowKey): void {
    if (this.holds(table, key)) return;
    const shape = tableShape(this.sqlite, table);
    const current = shape.select.get(...keyValues(shape, key)) as Record<string, unknown> | undefined;
    this.sqlite
      .prepare('INSERT INTO sync_overlay (table_name, row_key, base_row) VALUES (?, ?, ?)')
      .run(table, key, current === undefined ? null : JSON.stringify(current));
  }

  /** One mark per command and row: an insert stays an insert, fields accumulate, a remove wins. */
  private mark(outboxId: number, table: string, key: RowKey, op: Op, fields: string[]): void {
    const existing = this.sqlite
      .prepare(
        'SELECT op, fields FROM sync_pending_marks WHERE outbox_id = ? AND table_name = ? AND row_key = ?',
      )
      .get(outboxId, table, key) as { op: Op; fields: string } | undefined;
    const merged = existing
      ? {
          op: op === 'remove' ? op : existing.op,
          fields: [...new Set([...(JSON.parse(existing.fields) as string[]), ...fields])],
        }
      : { op, fields };
    this.sqlite
      .prepare(
        `INSERT INTO sync_pending_marks (outbox_id, table_name, row_key, op, fields) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (outbox_id, table_name, row_key) DO UPDATE SET op = excluded.op, fields = excluded.fields`,
      )
      .run(outboxId, table, key, merged.op, JSON.stringify(merged.fields));
  }
}

/** SQLite takes numbers, text, null and bytes; booleans are stored as 0/1 as the app's tables do. */
function storable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value === undefined ? null : value;
}

/**
 * Adds a command's new row. A value another row holds (an email) is the same refusal the
 * server would give, said at once: the command is not queued (or, on a rebase, not re-applied).
 */
function insertRow(sqlite: Database.Database, shape: TableShape, row: Record<string, unknown>): void {
  const names = Object.keys(row);
  const unknown = names.find((name) => !shape.columns.includes(name));
  if (unknown) throw new Error(`${shape.table}.${unknown} is not a column`);
  try {
    sqlite
      .prepare(`INSERT INTO ${shape.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
      .run(...names.map((n) => storable(row[n])));
  } catch (error) {
    const unique = /UNIQUE constraint failed: (.+)$/.exec(error instanceof Error ? error.message : '');
    if (!unique?.[1]) throw error;
    const fields = unique[1].split(', ').map((qualified) => qualified.split('.')[1] ?? qualified);
    const message = `Another record already has this ${fields.join(' and ')}`;
    throw new DomainError('CONFLICT', message, Object.fromEntries(fields.map((field) => [field, [message]])));
  }
}
