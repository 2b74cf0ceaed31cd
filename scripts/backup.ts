/**
 * `npm run backup`: takes a backup of the configured server's database now (the server may
 * keep running), restores it into a scratch database, verifies it and records the result, as
 * the scheduled backup does. Reads DATABASE_URL or TOLLGATE_SERVER_DATA_DIR and TOLLGATE_BACKUP_*
 * (README, configuration). Exits 1 when the backup failed verification.
 */
import { join } from 'node:path';
import { openServerDatabase } from '../server/backend/runtime';
import { createLogger } from '../server/lib/logger';
import { systemClock } from '../server/lib/clock';
import { takeVerifiedBackup } from '../server/modules/backups';
import { serverLocationFromEnv } from '../server/modules/backups/location';
import { defaultDataDir } from '../server/embedded/data-dir';
import { formatReport } from '../server/modules/backups/report-text';

async function main(): Promise<number> {
  const location = serverLocationFromEnv(process.env, join(defaultDataDir(process.env), 'server'));
  const database = await openServerDatabase(location);
  try {
    const logger = createLogger({ name: 'tollgate-backup' });
    const outcome = await takeVerifiedBackup(
      { db: database.db, clock: systemClock, logger },
      location.source,
      location.settings,
    );
    process.stdout.write(`${outcome.file}\n`);
    if (outcome.manifest && outcome.report)
      process.stdout.write(formatReport(outcome.manifest, outcome.report));
    else process.stdout.write(`FAILED: ${outcome.problems.join('; ')}\n`);
    for (const removed of outcome.removed) process.stdout.write(`retention removed ${removed}\n`);
    return outcome.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`backup: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
