import { join } from 'node:path';
import { backupSettingsFromEnv, type BackupSettings } from './settings';
import type { BackupSource } from './take';

/**
 * The configured server's database and backup settings, from the same environment the server
 * reads (DATABASE_URL, or tollgate.sqlite in TOLLGATE_SERVER_DATA_DIR), for `npm run backup`
 * and `npm run restore`: they need no token secret or owner, so they do not read the rest.
 */
export interface ServerLocation {
  dataDir: string;
  source: BackupSource;
  postgres: { url: string; poolSize: number } | null;
  settings: BackupSettings;
}

/** `defaultDataDir`: the server's data folder when TOLLGATE_SERVER_DATA_DIR is unset (the host knows it). */
export function serverLocationFromEnv(
  env: Record<string, string | undefined>,
  defaultDataDir: string,
): ServerLocation {
  const dataDir = env.TOLLGATE_SERVER_DATA_DIR?.trim() || defaultDataDir;
  const url = env.DATABASE_URL?.trim() || null;
  return {
    dataDir,
    source: url ? { kind: 'postgres', url } : { kind: 'sqlite', path: join(dataDir, 'tollgate.sqlite') },
    postgres: url ? { url, poolSize: 2 } : null,
    settings: backupSettingsFromEnv(env, dataDir),
  };
}
