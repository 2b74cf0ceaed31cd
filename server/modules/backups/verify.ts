import { statSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { sha256OfFile, verifyAllChains } from './checks';
import type { Manifest } from './manifest';
import { restorePostgresScratch } from './postgres';
import { countRestoredSqlite, integrityProblems, restoreSqliteScratch } from './sqlite';
import { countDifferences, type RowCounts } from './tables';

/** Where a scratch database may be made: a file path on SQLite, the server's URL on PostgreSQL. */
export interface ScratchPlace {
  /** SQLite: the scratch copy's path. */
  sqlitePath: string;
  /** PostgreSQL: the server's database URL (the scratch database is made beside it). */
  postgresUrl: string | null;
  pgBinDir: string | null;
}

export interface VerifyReport {
  ok: boolean;
  /** Why the backup is not good; empty when `ok`. */
  problems: string[];
  /** Restoring into the scratch database; null when it could not be restored. */
  restoreMs: number | null;
  /** Restoring and every check. */
  verifyMs: number;
  /** Rows per table of the restored copy (empty when it could not be restored). */
  restoredCounts: RowCounts;
  chains: { chains: number; entries: number };
}

interface Restored {
  db: Kysely<DB>;
  restoreMs: number;
  integrity: () => string[];
  count: () => Promise<RowCounts>;
  drop: () => Promise<void>;
}

async function restore(file: string, kind: Manifest['kind'], place: ScratchPlace): Promise<Restored> {
  if (kind === 'sqlite') {
    const scratch = restoreSqliteScratch(file, place.sqlitePath);
    return {
      db: scratch.db,
      restoreMs: scratch.restoreMs,
      integrity: () => integrityProblems(scratch.sqlite),
      count: () => Promise.resolve(countRestoredSqlite(scratch)),
      drop: scratch.drop,
    };
  }
  if (!place.postgresUrl) throw new Error('a PostgreSQL backup needs a PostgreSQL server to restore into');
  const scratch = await restorePostgresScratch(place.postgresUrl, file, place.pgBinDir);
  // pg_restore --exit-on-error succeeding is PostgreSQL's integrity check of the dump.
  return {
    db: scratch.db,
    restoreMs: scratch.restoreMs,
    integrity: () => [],
    count: scratch.count,
    drop: scratch.drop,
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Restores a backup into a scratch database and checks it: the file is the one taken (its
 * checksum), it restores, SQLite's integrity check passes, every table has the rows counted at
 * backup time, and every audit chain verifies. Any failure makes the report failed, with why;
 * the scratch database is dropped whatever happened.
 */
export async function verifyBackup(
  file: string,
  manifest: Manifest,
  place: ScratchPlace,
): Promise<VerifyReport> {
  const started = performance.now();
  const problems: string[] = [];
  const report = (
    restoreMs: number | null,
    restoredCounts: RowCounts,
    chains = { chains: 0, entries: 0 },
  ) => ({
    ok: problems.length === 0,
    problems,
    restoreMs,
    verifyMs: Math.round(performance.now() - started),
    restoredCounts,
    chains,
  });
  try {
    const size = statSync(file).size;
    if (size !== manifest.sizeBytes)
      problems.push(`the file has ${size} bytes, ${manifest.sizeBytes} were written`);
    if ((await sha256OfFile(file)) !== manifest.sha256) {
      problems.push('the file’s checksum differs from the one taken at backup: it was changed or cut short');
    }
  } catch (error) {
    problems.push(`the file cannot be read: ${describe(error)}`);
    return report(null, {});
  }
  let restored: Restored;
  try {
    restored = await restore(file, manifest.kind, place);
  } catch (error) {
    problems.push(`restoring failed: ${describe(error)}`);
    return report(null, {});
  }
  try {
    problems.push(...restored.integrity());
    const counts = await restored.count();
    problems.push(...countDifferences(manifest.rowCounts, counts).map((d) => `row count differs: ${d}`));
    const chains = await verifyAllChains(restored.db);
    problems.push(...chains.problems);
    return report(restored.restoreMs, counts, chains);
  } catch (error) {
    problems.push(`checking the restored copy failed: ${describe(error)}`);
    return report(restored.restoreMs, {});
  } finally {
    await restored.drop();
  }
}
