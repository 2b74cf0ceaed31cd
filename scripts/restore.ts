/**
 * `npm run restore -- <file>`: restores a backup (made by `npm run backup` or the schedule)
 * into a scratch database and verifies it against its manifest (`<file>.json`), printing the
 * restore time and the rows per table. Changes nothing else:
 *
 *   npm run restore -- --verify-only <file>   the restore drill: verify, print, exit 1 if bad
 *   npm run restore -- <file>                 the same, then says how to put it in place
 *   npm run restore -- --replace <file>       verify, then REPLACE the configured database with
 *                                             it; refused unless the backup verified and the
 *                                             server is stopped (docs/runbooks/restore-from-backup.md)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readManifest } from '../server/modules/backups/manifest';
import { serverLocationFromEnv } from '../server/modules/backups/location';
import { defaultDataDir } from '../server/embedded/data-dir';
import { formatReport } from '../server/modules/backups/report-text';
import { replaceConfiguredDatabase, ServerRunningError } from '../server/modules/backups/restore';
import { verifyBackup } from '../server/modules/backups/verify';

const USAGE = 'usage: npm run restore -- [--verify-only | --replace] <backup file>';

function parseArgs(args: string[]): { mode: 'verify-only' | 'check' | 'replace'; file: string } {
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--verify-only' && f !== '--replace');
  if (files.length !== 1 || unknown.length > 0 || flags.length > 1) throw new Error(USAGE);
  const mode = flags[0] === '--replace' ? 'replace' : flags[0] === '--verify-only' ? 'verify-only' : 'check';
  return { mode, file: files[0] as string };
}

async function main(): Promise<number> {
  const { mode, file } = parseArgs(process.argv.slice(2));
  const location = serverLocationFromEnv(process.env, join(defaultDataDir(process.env), 'server'));
  const read = readManifest(file);
  if ('problem' in read) {
    process.stdout.write(`FAILED verification: ${read.problem}\n`);
    return 1;
  }
  const { manifest } = read;
  const report = await verifyBackup(file, manifest, {
    sqlitePath: join(tmpdir(), `tollgate-restore-drill-${process.pid}.sqlite`),
    postgresUrl: location.postgres?.url ?? null,
    pgBinDir: location.settings.pgBinDir,
  });
  process.stdout.write(formatReport(manifest, report));
  if (!report.ok) return 1;
  if (mode === 'verify-only') return 0;
  if (mode === 'check') {
    process.stdout.write(
      '\nNothing was changed. To put this backup in place of the configured database, stop the server and run:\n' +
        `  npm run restore -- --replace ${file}\n`,
    );
    return 0;
  }
  try {
    const { keptAs } = await replaceConfiguredDatabase(
      location.source,
      file,
      manifest,
      location.settings.pgBinDir,
      Date.now(),
    );
    process.stdout.write(
      `\nRESTORED onto the configured database; the database it replaced is kept as ${keptAs}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ServerRunningError) {
      process.stdout.write(`\nREFUSED: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`restore: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
