import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256OfFile } from './checks';
import { openBackupWorld, startWriting, type BackupWorld } from './backups.test-kit';
import type { Manifest } from './manifest';
import { listBackupRows } from './store';
import { takeVerifiedBackup } from './take';
import { verifyBackup, type ScratchPlace } from './verify';
import { join } from 'node:path';
import { runDueJobs } from '../../jobs/runner';
import { BACKUP_JOB, backupJobHandlers, backupsIdle, FIRST_BACKUP_DELAY_MS, scheduleBackups } from './job';

/**
 * Backups with verified restore, on the run's database (SQLite here; PostgreSQL in the
 * integration-pg project, with pg_dump and pg_restore into a scratch database).
 */

let world: BackupWorld;
beforeEach(async () => {
  world = await openBackupWorld();
});
afterEach(async () => {
  await world.close();
});

const settings = (keep = 7) => ({ directory: world.backupDir, keep, pgBinDir: null });
const deps = () => ({ db: world.database.db, clock: world.clock, logger: world.services.logger });
const place = (): ScratchPlace => ({
  sqlitePath: join(world.dir, 'scratch.sqlite'),
  postgresUrl: world.source.kind === 'postgres' ? world.source.url : null,
  pgBinDir: null,
});

async function customerCount(): Promise<number> {
  const row = await world.database.db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('a backup taken while commands keep writing', () => {
  it('restores to the row counts of its own moment, and its audit chains verify', async () => {
    const writer = startWriting(world);
    await writer.reached(5);
    const writtenAtStart = writer.written;
    // Stopped whatever the backup does: a writer left running keeps growing the file (a killed
    // run once left a 17 GB write-ahead log behind).
    const outcome = await takeVerifiedBackup(deps(), world.source, settings()).finally(() => writer.stop());
    const writtenAtEnd = writer.written;

    expect(outcome.problems).toEqual([]);
    expect(outcome.ok).toBe(true);
    // The writes went on while the backup was taken and verified…
    expect(writtenAtEnd).toBeGreaterThan(writtenAtStart);
    // …and the backup holds the customers of one moment inside that window, counted in its snapshot.
    const atBackup = outcome.manifest?.rowCounts.customers ?? -1;
    expect(atBackup).toBeGreaterThanOrEqual(writtenAtStart);
    expect(atBackup).toBeLessThanOrEqual(writtenAtEnd);
    expect(await customerCount()).toBeGreaterThan(atBackup);
    // The restored copy has exactly those rows, in every table, and one audit entry per customer made.
    expect(outcome.report?.restoredCounts).toEqual(outcome.manifest?.rowCounts);
    expect(outcome.manifest?.rowCounts.audit_log).toBeGreaterThanOrEqual(atBackup);
    expect(outcome.report?.chains.entries).toBe(outcome.manifest?.rowCounts.audit_log);

    const [row] = await listBackupRows(world.database.db);
    expect(row).toMatchObject({
      id: outcome.id,
      verified: 'ok',
      failure: null,
      database_kind: world.source.kind,
    });
    expect(row?.size_bytes).toBe(statSync(outcome.file).size);
    expect(JSON.parse(row?.row_counts ?? '{}')).toEqual(outcome.manifest?.rowCounts);
  });
});

describe('a corrupted backup file', () => {
  async function goodBackup(): Promise<{ file: string; manifest: Manifest }> {
    await world.admin.customers.create({ name: 'Kept', email: 'kept@backup.example', country: 'US' });
    const outcome = await takeVerifiedBackup(deps(), world.source, settings());
    expect(outcome.ok).toBe(true);
    if (!outcome.manifest) throw new Error('no manifest');
    return { file: outcome.file, manifest: outcome.manifest };
  }

  it('fails verification when bytes in its middle are flipped', async () => {
    const { file, manifest } = await goodBackup();
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 64; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const report = await verifyBackup(file, manifest, place());
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/checksum differs/);
  });

  it('fails verification when cut short, even beside a manifest rewritten to match the cut file', async () => {
    const { file, manifest } = await goodBackup();
    const cut = `${file}.cut`;
    copyFileSync(file, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const matching = { ...manifest, sizeBytes: statSync(cut).size, sha256: await sha256OfFile(cut) };
    const report = await verifyBackup(cut, matching, place());
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    // The first verdict stands: the intact file still verifies.
    expect((await verifyBackup(file, manifest, place())).ok).toBe(true);
  });
});

describe('retention', () => {
  it('keeps the newest verified backups and deletes older files with their rows', async () => {
    const first = await takeVerifiedBackup(deps(), world.source, settings(1));
    world.clock.advance(60_000);
    const second = await takeVerifiedBackup(deps(), world.source, settings(1));
    expect(second.removed).toEqual([first.file]);
    expect(existsSync(first.file)).toBe(false);
    expect(existsSync(`${first.file}.json`)).toBe(false);
    expect(existsSync(second.file)).toBe(true);
    expect((await listBackupRows(world.database.db)).map((row) => row.id)).toEqual([second.id]);
  });
});

describe('the scheduled backup', () => {
  it('runs as a job, records a verified backup and schedules the next one an interval later', async () => {
    const intervalMs = 6 * 60 * 60 * 1000;
    world.services.backups = { source: world.source, settings: { ...settings(), intervalMs } };
    await scheduleBackups(world.services);
    const jobs = () =>
      world.database.db
        .selectFrom('jobs')
        .select(['run_at', 'status'])
        .where('kind', '=', BACKUP_JOB)
        .orderBy('run_at')
        .execute();
    expect(await jobs()).toEqual([{ run_at: world.clock.now() + FIRST_BACKUP_DELAY_MS, status: 'pending' }]);

    world.clock.advance(FIRST_BACKUP_DELAY_MS);
    const options = {
      db: world.database.db,
      clock: world.clock,
      logger: world.services.logger,
      handlers: backupJobHandlers(world.services),
    };
    expect(await runDueJobs(options)).toBe(1);
    await backupsIdle(world.services);

    const [row] = await listBackupRows(world.database.db);
    expect(row).toMatchObject({ verified: 'ok', started_at: world.clock.now() });
    expect(await jobs()).toEqual([
      { run_at: world.clock.now(), status: 'done' },
      { run_at: world.clock.now() + intervalMs, status: 'pending' },
    ]);
  });
});
