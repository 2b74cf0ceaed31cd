import type Database from 'better-sqlite3';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { REPLICATED_TABLES } from '../../db/replicated-tables';
import type { RowChange } from '../pull';

const REPLICATED = new Set(REPLICATED_TABLES.map((t) => t.name));

/** A page of changes as the server sent it, with where the next pull starts. */
export interface PulledPage {
  changes: readonly RowChange[];
  cursor: number;
  scope: string;
}

interface TableWriter {
  upsert: Database.Statement;
  remove: Database.Statement;
  columns: string[];
  key: string[];
}

/**
 * A desktop's copy of what a server lets it read, in its own database file. Rows arrive as
 * the server's newest state, not in the order they were first written, so the replica keeps
 * no foreign keys and none of the authority's guard triggers (a finalized invoice's lines may
 * arrive after the invoice): the server already enforced them. Derived data (list counts,
 * search) is kept by the replica's own triggers, as on any database. Triggers that act for the
 * authority (`authority_…`: outgoing webhooks' event capture) go too: the replica receives the
 * authority's events rather than making its own.
 */
export class Replica {
  private readonly writers = new Map<string, TableWriter>();

  private constructor(readonly database: AppDatabase) {}

  static open(path: string, nativeBinding?: string): Replica {
    const database = openDatabase({ path, nativeBinding });
    const { sqlite } = database;
    sqlite.pragma('foreign_keys = OFF');
    const authorityOnly = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'trigger'
         AND (name LIKE 'sync\\_%' ESCAPE '\\' OR name LIKE 'authority\\_%' ESCAPE '\\' OR sql LIKE '%RAISE(%')`,
      )
      .all() as { name: string }[];
    for (const { name } of authorityOnly) sqlite.exec(`DROP TRIGGER "${name}"`);
    return new Replica(database);
  }

  get sqlite(): Database.Database {
    return this.database.sqlite;
  }

  readState(key: string): string | null {
    const row = this.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  writeState(key: string, value: string): void {
    this.sqlite
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  get cursor(): number {
    return Number(this.readState('cursor') ?? 0);
  }

  /** Applies one page and moves the cursor in the same transaction: a page lands whole or not at all. */
  applyPage(page: PulledPage, syncedAt: number): void {
    this.sqlite.transaction(() => {
      for (const change of page.changes) this.applyChange(change);
      this.writeState('cursor', String(page.cursor));
      this.writeState('scope', page.scope);
      this.writeState('last_synced_at', String(syncedAt));
    })();
  }

  /** Forgets every replicated row and the cursor (the principal's reach changed): the next pull starts over. */
  clear(): void {
    this.sqlite.transaction(() => {
      for (const table of REPLICATED) this.sqlite.prepare(`DELETE FROM ${table}`).run();
      this.sqlite.prepare("DELETE FROM sync_state WHERE key IN ('cursor', 'scope', 'last_synced_at')").run();
    })();
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private applyChange(change: RowChange): void {
    if (!REPLICATED.has(change.table)) return;
    const writer = this.writerFor(change.table);
    if (change.op === 'delete' || change.row === null) {
      const key = writer.key.length === 1 ? [change.key] : (JSON.parse(change.key) as unknown[]);
      writer.remove.run(...key);
      return;
    }
    const row = JSON.parse(change.row) as Record<string, unknown>;
    const values = writer.columns.map((c) => row[c] ?? null);
    try {
      writer.upsert.run(...values);
    } catch (error) {
      if (!this.dropStaleHolder(change.table, writer, row, error)) throw error;
      writer.upsert.run(...values);
    }
  }

  /**
   * A unique value (an email, an invoice number) can still be held here by a row whose newer
   * state comes later in the same pull. The server says the value is this row's now, so the
   * stale holder goes; its newer state arrives before the pull ends.
   */
  private dropStaleHolder(table: string, writer: TableWriter, row: Record<string, unknown>, error: unknown) {
    const match = /UNIQUE constraint failed: (.+)$/.exec(error instanceof Error ? error.message : '');
    if (!match?.[1] || match[1].startsWith('index ')) return false;
    const columns = match[1].split(', ').map((qualified) => qualified.split('.')[1] ?? '');
    const keyMismatch = writer.key.map((k) => `${k} IS NOT ?`).join(' OR ');
    this.sqlite
      .prepare(
        `DELETE FROM ${table} WHERE ${columns.map((c) => `${c} = ?`).join(' AND ')} AND (${keyMismatch})`,
      )
      .run(...columns.map((c) => row[c] ?? null), ...writer.key.map((k) => row[k] ?? null));
    return true;
  }

  private writerFor(table: string): TableWriter {
    const existing = this.writers.get(table);
    if (existing) return existing;
    const info = this.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[];
    const columns = info.map((c) => c.name);
    const key = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const others = columns.filter((c) => !key.includes(c));
    const writer: TableWriter = {
      columns,
      key,
      upsert: this.sqlite.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(', ')}`,
      ),
      remove: this.sqlite.prepare(`DELETE FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`),
    };
    this.writers.set(table, writer);
    return writer;
  }
}
