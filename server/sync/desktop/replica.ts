import type Database from 'better-sqlite3';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { REPLICATED_TABLES } from '../../db/replicated-tables';
import type { RowChange } from '../pull';
import { invalidateTenantEntitlements } from '../../modules/entitlements';
import { Overlay } from './overlay';
import { deferIndexes, restoreIndexes, restoreIndexesNow } from './deferred-indexes';
import { deferTriggers, restoreTriggers, restoreTriggersNow } from './deferred-triggers';
import { EntitlementChanges, feedsEntitlements } from './entitlement-changes';
import { keyValues, tableShape, updateRow, writeRow } from './row-shape';

/** The replica's page cache, in KiB (SQLite's default is 2 MB). */
const REPLICA_CACHE_KB = 64 * 1024;

/**
 * WAL pages past which a commit checkpoints on its own (SQLite's default: 1,000, which an
 * incremental pull of 1,000 rows passes at every commit). The replica checkpoints after each
 * pull instead (checkpointSoon); this is the bound when nothing else does (decision 127).
 */
const REPLICA_WAL_PAGES = 10_000;

const REPLICATED = new Set(REPLICATED_TABLES.map((t) => t.name));

/** A page of changes as the server sent it, with where the next pull starts. */
export interface PulledPage {
  changes: readonly RowChange[];
  cursor: number;
  scope: string;
  /** False on the last page of a pull (absent: the last). */
  more?: boolean;
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
  readonly overlay: Overlay;
  private changes = Date.now();
  /** What the entitlements cache must forget once the page in hand commits. */
  private readonly entitlements = new EntitlementChanges();
  /** A pull from nothing (cursor 0) is filling the replica: rows are written without asking what is there. */
  private filling = false;
  /** The checkpoint due once the pull that wrote the WAL has returned. */
  private checkpointing: NodeJS.Timeout | null = null;

  private constructor(readonly database: AppDatabase) {
    this.overlay = new Overlay(database.sqlite);
  }

  static open(path: string, nativeBinding?: string): Replica {
    const database = openDatabase({ path, nativeBinding });
    const { sqlite } = database;
    sqlite.pragma('foreign_keys = OFF');
    // A first sync writes every row into a dozen indexes; the default 2 MB cache re-reads their pages.
    sqlite.pragma(`cache_size = -${REPLICA_CACHE_KB}`);
    sqlite.pragma(`wal_autocheckpoint = ${REPLICA_WAL_PAGES}`);
    const authorityOnly = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'trigger'
         AND (name LIKE 'sync\\_%' ESCAPE '\\' OR name LIKE 'authority\\_%' ESCAPE '\\' OR sql LIKE '%RAISE(%')`,
      )
      .all() as { name: string }[];
    for (const { name } of authorityOnly) sqlite.exec(`DROP TRIGGER "${name}"`);
    // A fill that stopped part-way left its indexes and derived data's triggers dropped: they are
    // built (search index and list counts rebuilt) before anything reads.
    restoreIndexesNow(sqlite);
    restoreTriggersNow(sqlite);
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

  /**
   * Applies one page and moves the cursor in the same transaction: a page lands whole or not
   * at all. A row a pending command changed gets the server's state as its base (the command's
   * effect stays on screen); `caughtUp` runs in the last page's transaction, to rebase.
   */
  applyPage(page: PulledPage, syncedAt: number, caughtUp?: () => void): void {
    if (this.cursor === 0) this.filling = true;
    this.sqlite.transaction(() => {
      // A fill of more than one page writes its rows first; the plain indexes, the search index and
      // the list counts are built once, at its end.
      if (this.filling && page.more) {
        deferIndexes(this.sqlite, REPLICATED);
        deferTriggers(this.sqlite, REPLICATED);
      }
      // Nothing pending (a first sync, most pulls): no row needs asking about.
      const layered = !this.overlay.isEmpty();
      for (const change of page.changes) this.applyChange(change, layered);
      if (!page.more) {
        restoreIndexes(this.sqlite);
        restoreTriggers(this.sqlite);
      }
      this.writeState('cursor', String(page.cursor));
      this.writeState('scope', page.scope);
      this.writeState('last_synced_at', String(syncedAt));
      if (!page.more) caughtUp?.();
    })();
    if (!page.more) this.filling = false;
    this.entitlements.flush();
    if (page.changes.length > 0) this.touch();
    if (!page.more) this.checkpointSoon();
  }

  /**
   * Copies the pull's pages from the WAL into the database file once the pull has returned. A
   * commit that checkpoints (SQLite's default, every 1,000 pages) makes the pull that crosses the
   * mark wait for the copy and its fsyncs: at 100,000 customers, half of applying 1,000 changed
   * rows. Done here, the rows are on screen first and the copy follows on the event loop's next
   * turn (decision 127), on the same thread as before. PASSIVE: it never waits for a reader.
   */
  private checkpointSoon(): void {
    if (this.checkpointing) return;
    this.checkpointing = setTimeout(() => {
      this.checkpointing = null;
      if (this.sqlite.open) this.sqlite.pragma('wal_checkpoint(PASSIVE)');
    }, 0);
    this.checkpointing.unref();
  }

  /**
   * Forgets every replicated row, the pending commands' layer over them, and the cursor (the
   * principal's reach changed): the next pull starts over, and its last page re-applies what
   * is still pending.
   */
  clear(): void {
    const tenants = this.sqlite.prepare('SELECT id FROM tenants').all() as { id: string }[];
    this.sqlite.transaction(() => {
      for (const table of REPLICATED) this.sqlite.prepare(`DELETE FROM ${table}`).run();
      this.sqlite.prepare('DELETE FROM sync_overlay').run();
      this.sqlite.prepare('DELETE FROM sync_pending_marks').run();
      this.sqlite.prepare("DELETE FROM sync_state WHERE key IN ('cursor', 'scope', 'last_synced_at')").run();
    })();
    for (const { id } of tenants) invalidateTenantEntitlements(id);
    this.touch();
  }

  /**
   * Changes whenever what the console may show changed (a page, a local command, a rebase, an
   * answer): the console re-reads its screens when it does. It starts from the time the replica
   * was opened, so a restart never repeats an earlier number.
   */
  get version(): number {
    return this.changes;
  }

  touch(): void {
    this.changes += 1;
  }

  close(): Promise<void> {
    if (this.checkpointing) clearTimeout(this.checkpointing);
    this.checkpointing = null;
    return this.database.close();
  }

  private applyChange(change: RowChange, layered: boolean): void {
    if (!REPLICATED.has(change.table)) return;
    const row = change.op === 'delete' ? null : change.row;
    if (layered && this.overlay.holds(change.table, change.key)) {
      this.overlay.setBase(change.table, change.key, row);
      return;
    }
    const shape = tableShape(this.sqlite, change.table);
    const watched = feedsEntitlements(change.table);
    const current =
      this.filling && row !== null
        ? undefined
        : (shape.select.get(...keyValues(shape, change.key)) as Record<string, unknown> | undefined);
    if (watched) this.entitlements.note(change.table, current);
    if (row === null) {
      if (current) shape.remove.run(...keyValues(shape, change.key));
      return;
    }
    const state = JSON.parse(row) as Record<string, unknown>;
    if (watched) this.entitlements.note(change.table, state);
    if (current) updateRow(this.sqlite, shape, current, state);
    else writeRow(this.sqlite, shape, state);
  }
}
