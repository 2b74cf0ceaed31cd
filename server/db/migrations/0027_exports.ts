import type { Migration } from './types';

/**
 * Exports (server/modules/reports): one row per export a user started — which list (`source`),
 * its view (the list's filters and sort, JSON), the format and options (JSON), and how it went:
 * progress (`rows_done` of `rows_total`, null until counted), the file's name and where this
 * backend keeps it (`file_path`, under its data directory), its size, times and error. Local to
 * the backend that wrote the file: not replicated (a desktop's exports are files on that
 * computer). A desktop keeps them in its own database in every mode, also while connected,
 * when the rows exported come from the replica: so `tenant_id` may name a server's workspace
 * that database does not hold, and has no foreign key. `title` and `filters` are the words
 * the PDF and the Exports page show.
 */
export const exportsTable: Migration = {
  version: 27,
  name: 'exports',
  sql: /* sql */ `
    CREATE TABLE exports (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      source TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf')),
      view TEXT NOT NULL,
      options TEXT NOT NULL,
      title TEXT NOT NULL,
      filters TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'canceled')),
      rows_done INTEGER NOT NULL DEFAULT 0,
      rows_total INTEGER,
      bytes INTEGER NOT NULL DEFAULT 0,
      file_name TEXT NOT NULL,
      file_path TEXT,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      error TEXT
    ) STRICT;
    CREATE INDEX exports_by_user ON exports (tenant_id, user_id, created_at);
    CREATE INDEX exports_unfinished ON exports (status) WHERE status IN ('queued', 'running');
  `,
  postgres: /* sql */ `
    CREATE TABLE exports (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      source TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf')),
      view TEXT NOT NULL,
      options TEXT NOT NULL,
      title TEXT NOT NULL,
      filters TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'canceled')),
      rows_done BIGINT NOT NULL DEFAULT 0,
      rows_total BIGINT,
      bytes BIGINT NOT NULL DEFAULT 0,
      file_name TEXT NOT NULL,
      file_path TEXT,
      created_at BIGINT NOT NULL,
      started_at BIGINT,
      finished_at BIGINT,
      error TEXT
    );
    CREATE INDEX exports_by_user ON exports (tenant_id, user_id, created_at);
    CREATE INDEX exports_unfinished ON exports (status) WHERE status IN ('queued', 'running');
  `,
};
