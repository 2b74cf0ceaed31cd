import type BetterSqlite3 from 'better-sqlite3';
import { BugIndicatingError } from '../lib/errors';
import type { Migration } from './migrations/types';

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

export function assertContiguous(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new BugIndicatingError(
        `migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}

/**
 * Brings the schema up to the newest migration, each step in its own transaction and
 * recorded in schema_migrations. Refuses a database newer than this code, which would
 * otherwise be silently misread.
 */
export function migrate(
  sqlite: BetterSqlite3.Database,
  migrations: readonly Migration[],
  now: () => number = Date.now,
): MigrationReport {
  assertContiguous(migrations);
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const row = sqlite.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  const from = row.version ?? 0;
  const newest = migrations.length;
  if (from > newest) {
    throw new Error(
      `this database is at schema version ${from}, newer than this build knows (${newest}); use a newer Tollgate`,
    );
  }
  const record = sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: string[] = [];
  for (const migration of migrations.slice(from)) {
    sqlite.transaction(() => {
      sqlite.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    })();
    applied.push(`${migration.version}_${migration.name}`);
  }
  return { from, to: newest, applied };
}
