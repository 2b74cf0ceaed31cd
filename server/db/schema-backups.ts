/** Tables of migration 0022_backups, as Kysely sees them. */
export interface BackupTables {
  backups: {
    id: string;
    file: string;
    database_kind: 'sqlite' | 'postgres';
    started_at: number;
    finished_at: number;
    size_bytes: number;
    sha256: string;
    backup_ms: number;
    restore_ms: number | null;
    verify_ms: number | null;
    /** JSON: table name → rows, counted in the backup's snapshot. */
    row_counts: string;
    verified: 'ok' | 'failed';
    failure: string | null;
  };
}
