import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { newId } from '../../../shared/ids';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { sha256OfFile } from './checks';
import { writeManifest, type Manifest } from './manifest';
import { takePostgresBackup } from './postgres';
import { applyRetention } from './retention';
import type { BackupSettings } from './settings';
import { takeSqliteBackup } from './sqlite';
import { insertBackup } from './store';
import { verifyBackup, type VerifyReport } from './verify';

/** The database a backup is taken of: the server's SQLite file, or its PostgreSQL database. */
export type BackupSource = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface BackupDeps {
  /** Where the result is recorded: the server's own database. */
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
}

export interface BackupOutcome {
  id: string;
  file: string;
  ok: boolean;
  problems: string[];
  manifest: Manifest | null;
  report: VerifyReport | null;
  /** Files retention removed after this backup. */
  removed: string[];
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `tollgate-20261207T034552Z-1a2b3c.sqlite`: sorts by time, says what it is. */
function backupFileName(kind: BackupSource['kind'], startedAt: number, id: string): string {
  const stamp = new Date(startedAt)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `tollgate-${stamp}-${id.slice(-6).toLowerCase()}.${kind === 'sqlite' ? 'sqlite' : 'dump'}`;
}

async function takeInto(source: BackupSource, file: string, pgBinDir: string | null) {
  const partial = `${file}.partial`;
  try {
    const counts =
      source.kind === 'sqlite'
        ? await takeSqliteBackup(source.path, partial)
        : await takePostgresBackup(source.url, partial, pgBinDir);
    // Renamed only once whole: a file under the final name is always a finished backup.
    renameSync(partial, file);
    return counts;
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Takes a backup of `source` into the backup directory while the server keeps working,
 * restores it into a scratch database and verifies it, records the result in `backups`
 * (failed, with why, when any step fails: a backup is never recorded good unchecked), and
 * applies retention. Never throws for a failed backup: the failure is the record.
 */
export async function takeVerifiedBackup(
  deps: BackupDeps,
  source: BackupSource,
  settings: Pick<BackupSettings, 'directory' | 'keep' | 'pgBinDir'>,
): Promise<BackupOutcome> {
  const startedAt = deps.clock.now();
  const id = newId('bkp', startedAt);
  const file = join(settings.directory, backupFileName(source.kind, startedAt, id));
  const began = performance.now();
  let manifest: Manifest | null = null;
  let report: VerifyReport | null = null;
  const problems: string[] = [];
  try {
    mkdirSync(settings.directory, { recursive: true });
    const rowCounts = await takeInto(source, file, settings.pgBinDir);
    const backupMs = Math.round(performance.now() - began);
    const sizeBytes = statSync(file).size;
    manifest = {
      format: 'tollgate-backup/1',
      kind: source.kind,
      startedAt,
      sha256: await sha256OfFile(file),
      sizeBytes,
      backupMs,
      rowCounts,
    };
    writeManifest(file, manifest);
    report = await verifyBackup(file, manifest, {
      sqlitePath: join(settings.directory, `.verify-${id}.sqlite`),
      postgresUrl: source.kind === 'postgres' ? source.url : null,
      pgBinDir: settings.pgBinDir,
    });
    problems.push(...report.problems);
  } catch (error) {
    problems.push(`taking the backup failed: ${describe(error)}`);
  }
  const ok = report !== null && problems.length === 0;
  await insertBackup(deps.db, {
    id,
    file,
    database_kind: source.kind,
    started_at: startedAt,
    finished_at: deps.clock.now(),
    size_bytes: manifest?.sizeBytes ?? 0,
    sha256: manifest?.sha256 ?? '',
    backup_ms: manifest?.backupMs ?? Math.round(performance.now() - began),
    restore_ms: report?.restoreMs ?? null,
    verify_ms: report?.verifyMs ?? null,
    row_counts: JSON.stringify(manifest?.rowCounts ?? {}),
    verified: ok ? 'ok' : 'failed',
    failure: ok ? null : problems.join('; ').slice(0, 4000),
  });
  const removed = await applyRetention(deps.db, settings.keep);
  const summary = {
    backupId: id,
    file,
    kind: source.kind,
    sizeBytes: manifest?.sizeBytes,
    backupMs: manifest?.backupMs,
    restoreMs: report?.restoreMs,
    removed: removed.length,
  };
  if (ok) deps.logger.info(summary, 'backup taken and verified');
  else deps.logger.error({ ...summary, problems }, 'backup failed verification');
  return { id, file, ok, problems, manifest, report, removed };
}
