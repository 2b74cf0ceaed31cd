import type { Migration } from './types';

/**
 * The backups the server took and what their verification found (server/modules/backups):
 * one row per backup file, written once the backup was restored into a scratch database and
 * checked. `row_counts` is JSON, table → rows, counted in the backup's own snapshot; `failure`
 * says why a backup is not good (null when `verified` is 'ok'). Platform-level: no tenant, not
 * replicated to desktops (a desktop never backs up the server).
 */
export const backups: Migration = {
  version: 22,
  name: 'backups',
  sql: /* sql */ `
    CREATE TABLE backups (
      id TEXT PRIMARY KEY,
      file TEXT NOT NULL,
      database_kind TEXT NOT NULL CHECK (database_kind IN ('sqlite', 'postgres')),
      started_at INTEGER NOT NULL,
      finished_at INTEGER NOT NULL,
      size_bytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      backup_ms INTEGER NOT NULL,
      restore_ms INTEGER,
      verify_ms INTEGER,
      row_counts TEXT NOT NULL,
      verified TEXT NOT NULL CHECK (verified IN ('ok', 'failed')),
      failure TEXT
    ) STRICT;
    CREATE INDEX backups_started ON backups (started_at);
  `,
  postgres: /* sql */ `
    CREATE TABLE backups (
      id TEXT PRIMARY KEY,
      file TEXT NOT NULL,
      database_kind TEXT NOT NULL CHECK (database_kind IN ('sqlite', 'postgres')),
      started_at BIGINT NOT NULL,
      finished_at BIGINT NOT NULL,
      size_bytes BIGINT NOT NULL,
      sha256 TEXT NOT NULL,
      backup_ms BIGINT NOT NULL,
      restore_ms BIGINT,
      verify_ms BIGINT,
      row_counts TEXT NOT NULL,
      verified TEXT NOT NULL CHECK (verified IN ('ok', 'failed')),
      failure TEXT
    );
    CREATE INDEX backups_started ON backups (started_at);
  `,
};
