export { backupsRouter } from './router';
export {
  backupJobHandlers,
  backupsIdle,
  scheduleBackups,
  startBackup,
  BACKUP_JOB,
  type BackupRuntime,
} from './job';
export { backupSettingsFromEnv, BACKUP_VARIABLES, type BackupSettings } from './settings';
export { takeVerifiedBackup, type BackupSource, type BackupOutcome } from './take';
export { verifyBackup, type VerifyReport } from './verify';
export { backupsOverview, STALE_AFTER_MS } from './view';
