import { isAbsolute, join } from 'node:path';

/** The variable that moves the content store off the data directory (a bigger volume, say). */
export const CONTENT_DIR_VARIABLE = 'TOLLGATE_CONTENT_DIR';

/**
 * Where the hosted server keeps course content packages: TOLLGATE_CONTENT_DIR (absolute), else
 * `<data dir>/content`, beside the database and `<data dir>/backups` (decision 168).
 */
export function contentDirectoryFromEnv(env: Record<string, string | undefined>, dataDir: string): string {
  const value = env[CONTENT_DIR_VARIABLE]?.trim();
  if (!value) return join(dataDir, 'content');
  if (!isAbsolute(value)) throw new Error(`${CONTENT_DIR_VARIABLE} must be an absolute path, got "${value}"`);
  return value;
}
