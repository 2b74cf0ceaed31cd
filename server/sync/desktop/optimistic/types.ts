import type Database from 'better-sqlite3';

/**
 * A replicated row's key as the server's row log names it: the key column's value as text,
 * or, for a table keyed by several columns, a JSON array of their values in key order.
 */
export type RowKey = string;

/** A record a command acts on, so the outbox and the console can name it and link to it. */
export interface CommandRecord {
  table: string;
  key: RowKey;
}

/** How the outbox names a command: what it does to which record ("Refund $5.00 on INV-000001"). */
export interface CommandDescription {
  label: string;
  record: CommandRecord | null;
}

/**
 * Writes a command's effect on the replica. Every write first keeps the server's version of
 * the row (so a rebase can put it back) and marks what changed as pending (so the console
 * can show it). Reads go to `sqlite` directly (SELECT only): they see the server's rows with
 * every earlier pending command already applied.
 */
export interface LocalWriter {
  readonly sqlite: Database.Database;
  /** Adds a row the command creates (all of the table's columns; missing ones are NULL). */
  insert(table: string, row: Record<string, unknown>): void;
  /** Changes some columns of an existing row; those columns are marked pending. */
  update(table: string, key: RowKey, fields: Record<string, unknown>): void;
  /** Removes a row. */
  remove(table: string, key: RowKey): void;
}

/** What an effect knows of the command it applies. */
export interface LocalCommand {
  /** The outbox entry's id: unique on this desktop, usable in a provisional id. */
  outboxId: number;
  tenantId: string;
  userId: string;
  /** When the command was made (epoch ms); a replay after a rebase passes the same time. */
  madeAt: number;
  /** The command's input as the procedure's schema parsed it. */
  input: unknown;
}

/**
 * A command's optimistic effect on a connected desktop's replica: what the server will most
 * likely do, applied at once so every screen shows it, and re-applied on top of the server's
 * newest rows until the server has answered and its rows have arrived.
 */
export interface LocalEffect {
  /** Names the command for the outbox and the console; reads the replica as it is before the effect. */
  describe(sqlite: Database.Database, command: LocalCommand): CommandDescription;
  /**
   * Applies the effect and returns the provisional answer the console gets while the command
   * is queued (shaped as the procedure's own answer). Throws a DomainError when the replica
   * already shows the command cannot work (a refund beyond what is left): nothing is queued then.
   */
  apply(writer: LocalWriter, command: LocalCommand): unknown;
  /**
   * For "keep mine" after a conflict: the input to send again, with what it expected of the
   * record brought up to the replica's current rows. Absent: the input is sent again as it was.
   */
  refreshInput?(sqlite: Database.Database, input: unknown): unknown;
}

/** Effects by procedure path ("customers.update"). */
export type LocalEffects = Readonly<Record<string, LocalEffect>>;
