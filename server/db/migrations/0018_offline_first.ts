import type { Migration } from './types';

/**
 * Offline-first on a connected desktop (docs/sync.md, decisions 103–105). Only a desktop's
 * replica uses these tables; they exist on every database, as the rest of migration 0010 does.
 *
 * sync_outbox is rebuilt (SQLite cannot change a CHECK): a command can be `cancelled` before it
 * is sent; it carries the console's idempotency key (UNIQUE: a second submit of one form is the
 * same command), the label and record it names, its provisional answer, a refusal's field
 * conflicts, whether the user has seen a refusal, and whether the server's rows for a command it
 * did are still to arrive by pull (until then its effect stays applied on the replica). Ids carry
 * over with their AUTOINCREMENT sequence: they are the mutation ids the server applies once, so
 * one is never reused.
 *
 * sync_overlay keeps, for each row a pending command changed, the server's version of the row
 * (NULL: the server has no such row), so a rebase can put it back; pulled changes for such a row
 * go to its base. sync_pending_marks says which command changed which row and fields, for the
 * console's "pending" badges.
 */
export const offlineFirst: Migration = {
  version: 18,
  name: 'offline_first',
  sql: /* sql */ `
    CREATE TABLE sync_outbox_rebuilt (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      tenant_id TEXT NOT NULL,
      path TEXT NOT NULL,
      input TEXT,
      command_key TEXT UNIQUE,
      label TEXT NOT NULL,
      record_table TEXT,
      record_key TEXT,
      -- the answer the console got while the command was queued (JSON), for a second submit
      provisional TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'error', 'cancelled')),
      result TEXT,
      error_code TEXT,
      error_message TEXT,
      -- a refusal's FieldConflict[] as JSON
      conflicts TEXT,
      acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
      awaiting_pull INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_pull IN (0, 1)),
      created_at INTEGER NOT NULL,
      settled_at INTEGER
    ) STRICT;
    -- Refusals from before this migration were shown on the Connect page already: no new notice.
    INSERT INTO sync_outbox_rebuilt (id, tenant_id, path, input, label, status, result, error_code,
        error_message, acknowledged, created_at, settled_at)
      SELECT id, tenant_id, path, input, path, status, result, error_code, error_message,
        CASE WHEN status = 'error' THEN 1 ELSE 0 END, created_at, settled_at
      FROM sync_outbox ORDER BY id;
    DELETE FROM sqlite_sequence WHERE name = 'sync_outbox_rebuilt';
    INSERT INTO sqlite_sequence (name, seq)
      SELECT 'sync_outbox_rebuilt', seq FROM sqlite_sequence WHERE name = 'sync_outbox';
    DROP TABLE sync_outbox;
    ALTER TABLE sync_outbox_rebuilt RENAME TO sync_outbox;
    CREATE INDEX sync_outbox_status ON sync_outbox (status, id);

    CREATE TABLE sync_overlay (
      table_name TEXT NOT NULL,
      row_key TEXT NOT NULL,
      base_row TEXT,
      PRIMARY KEY (table_name, row_key)
    ) STRICT;

    CREATE TABLE sync_pending_marks (
      outbox_id INTEGER NOT NULL,
      table_name TEXT NOT NULL,
      row_key TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'remove')),
      -- the columns the command set, as a JSON array
      fields TEXT NOT NULL,
      PRIMARY KEY (outbox_id, table_name, row_key)
    ) STRICT;
  `,
  // PostgreSQL says the rebuild as ALTER TABLE: ids and the identity behind them stay as they
  // are, so SQLite's sqlite_sequence step (carrying AUTOINCREMENT's counter over to the rebuilt
  // table) has nothing to do here and no PG form. The status CHECK was named by 0010's form.
  postgres: /* sql */ `
    ALTER TABLE sync_outbox
      ADD COLUMN command_key TEXT UNIQUE,
      ADD COLUMN label TEXT,
      ADD COLUMN record_table TEXT,
      ADD COLUMN record_key TEXT,
      ADD COLUMN provisional TEXT,
      ADD COLUMN conflicts TEXT,
      ADD COLUMN acknowledged BIGINT NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
      ADD COLUMN awaiting_pull BIGINT NOT NULL DEFAULT 0 CHECK (awaiting_pull IN (0, 1));
    -- Refusals from before this migration were shown on the Connect page already: no new notice.
    UPDATE sync_outbox SET label = path, acknowledged = CASE WHEN status = 'error' THEN 1 ELSE 0 END;
    ALTER TABLE sync_outbox
      ALTER COLUMN label SET NOT NULL,
      DROP CONSTRAINT sync_outbox_status_check,
      ADD CONSTRAINT sync_outbox_status_check CHECK (status IN ('pending', 'ok', 'error', 'cancelled'));

    CREATE TABLE sync_overlay (
      table_name TEXT NOT NULL,
      row_key TEXT NOT NULL,
      base_row TEXT,
      PRIMARY KEY (table_name, row_key)
    );

    CREATE TABLE sync_pending_marks (
      outbox_id BIGINT NOT NULL,
      table_name TEXT NOT NULL,
      row_key TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'remove')),
      fields TEXT NOT NULL,
      PRIMARY KEY (outbox_id, table_name, row_key)
    );
  `,
};
