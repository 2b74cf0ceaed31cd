/**
 * Backups at scale, on SQLite and on PostgreSQL side by side in one run: how long a backup takes
 * (SQLite's backup API in a read transaction; pg_dump -Fc of an exported snapshot, with the row
 * counts of the same snapshot), its size, and how long restoring it into a scratch database and
 * verifying it take (checksum, integrity, row counts against the backup's moment, every audit
 * chain) — exactly what the schedule and `npm run backup` run (takeVerifiedBackup).
 *
 * The rows are bench:billing's workspace, from its cache (bench/lib/billing-cache.ts): run
 * `npm run bench:billing -- <customers> <invoices per customer>` once at a scale first; it loads
 * both databases and keeps them. The default is bench:billing's: 100,000 customers × 10 invoices.
 *
 *   npm run bench:backup -- [customers] [invoices per customer] [runs]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../server/db/connection';
import type { DB } from '../server/db/schema';
import { systemClock } from '../server/lib/clock';
import { silentLogger } from '../server/lib/logger';
import { takeVerifiedBackup, type BackupOutcome, type BackupSource } from '../server/modules/backups';
import { cachedWorkspace, type BillingScale } from './lib/billing-cache';
import { benchPostgres } from './lib/pg-server';
import { openPgSide } from './lib/pg-side';
import { table } from './lib/stats';

const args = process.argv.slice(2);
const scale: BillingScale = { customers: Number(args[0] ?? 100_000), invoicesPer: Number(args[1] ?? 10) };
const RUNS = Number(args[2] ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-backup-'));
const say = (text: string) => process.stdout.write(text);

interface Measured {
  label: string;
  outcomes: BackupOutcome[];
}

/** Takes `RUNS` verified backups of one database, as the schedule does, into a directory of its own. */
async function measure(label: string, db: Kysely<DB>, source: BackupSource): Promise<Measured> {
  const outcomes: BackupOutcome[] = [];
  const directory = join(dir, `${label}-backups`);
  for (let run = 0; run < RUNS; run += 1) {
    const outcome = await takeVerifiedBackup({ db, clock: systemClock, logger: silentLogger }, source, {
      directory,
      keep: RUNS,
      pgBinDir: null,
    });
    if (!outcome.ok)
      throw new Error(`${label}: the backup failed verification: ${outcome.problems.join('; ')}`);
    outcomes.push(outcome);
  }
  return { label, outcomes };
}

const best = (values: number[]) => Math.min(...values);
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

function rowsOf(measured: Measured): string[] {
  const manifests = measured.outcomes.map((o) => o.manifest);
  const reports = measured.outcomes.map((o) => o.report);
  const rows = Object.values(manifests[0]?.rowCounts ?? {}).reduce((sum, n) => sum + n, 0);
  const size = manifests[0]?.sizeBytes ?? 0;
  const backupMs = best(manifests.map((m) => m?.backupMs ?? Infinity));
  const restoreMs = best(reports.map((r) => r?.restoreMs ?? Infinity));
  const verifyMs = best(reports.map((r) => r?.verifyMs ?? Infinity));
  return [
    measured.label,
    rows.toLocaleString('en'),
    `${(size / 1e6).toFixed(1)} MB`,
    seconds(backupMs),
    seconds(restoreMs),
    seconds(verifyMs),
    (reports[0]?.chains.entries ?? 0).toLocaleString('en'),
  ];
}

async function main(): Promise<void> {
  const cached = cachedWorkspace(scale);
  const pgDump = cached?.pgDump;
  if (!cached || !pgDump) {
    say(
      `No bench:billing workspace is kept at ${scale.customers} customers × ${scale.invoicesPer} invoices.\n` +
        `Run \`npm run bench:billing -- ${scale.customers} ${scale.invoicesPer}\` once: it loads both databases and keeps them.\n`,
    );
    process.exitCode = 1;
    return;
  }
  const sqlitePath = join(dir, 'tollgate.sqlite');
  copyFileSync(cached.sqlite, sqlitePath);
  const sqlite = openDatabase({ path: sqlitePath });
  const postgres = await benchPostgres();
  try {
    const sqliteSide = await measure('SQLite', sqlite.db, { kind: 'sqlite', path: sqlitePath });
    const pgSide = await openPgSide(postgres, 'backup', { restore: pgDump }, cached.meta);
    try {
      const pg = await measure('PostgreSQL', pgSide.db, { kind: 'postgres', url: pgSide.url });
      say(
        `${table([
          ['database', 'rows', 'backup size', 'backup', 'restore', 'restore + verify', 'audit entries'],
          rowsOf(sqliteSide),
          rowsOf(pg),
        ])}\n`,
      );
    } finally {
      await pgSide.close();
    }
    say(
      `\n${cached.meta.loaded.invoices.toLocaleString('en')} invoices, ${cached.meta.loaded.subscriptions.toLocaleString('en')} subscriptions, ` +
        `${scale.customers.toLocaleString('en')} customers; best of ${RUNS} runs each (takeVerifiedBackup, as the schedule).\n` +
        `PostgreSQL: ${postgres.origin}. Backup files and scratch databases on this machine's disk.\n`,
    );
  } finally {
    await sqlite.close();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:backup: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
