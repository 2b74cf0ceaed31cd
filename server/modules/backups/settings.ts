import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * Where backups go, how often the server takes one and how many it keeps, from the
 * environment (read with the rest of the hosted server's configuration, and by
 * `npm run backup` / `npm run restore`). None of these is a secret: messages echo the value.
 */
export interface BackupSettings {
  /** TOLLGATE_BACKUP_DIR: absolute; default `<data dir>/backups`. */
  directory: string;
  /** TOLLGATE_BACKUP_INTERVAL_HOURS: hours between scheduled backups; null: no schedule ('off'). */
  intervalMs: number | null;
  /** TOLLGATE_BACKUP_KEEP: how many verified backups retention keeps. */
  keep: number;
  /** TOLLGATE_PG_BIN_DIR: where pg_dump and pg_restore are; null: PATH, then the Debian PostgreSQL 15 folder. */
  pgBinDir: string | null;
}

const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_INTERVAL_HOURS = 24;
export const DEFAULT_KEEP = 7;
const MAX_INTERVAL_HOURS = 24 * 30;
const MAX_KEEP = 1000;

/** The variables, for the README's configuration table and the error messages. */
export const BACKUP_VARIABLES = {
  directory: 'TOLLGATE_BACKUP_DIR',
  interval: 'TOLLGATE_BACKUP_INTERVAL_HOURS',
  keep: 'TOLLGATE_BACKUP_KEEP',
  pgBinDir: 'TOLLGATE_PG_BIN_DIR',
} as const;

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

function wholeNumber(name: string, value: string, min: number, max: number, problems: string[]): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return min;
  }
  return n;
}

function absolute(name: string, value: string | undefined, problems: string[]): string | null {
  if (blank(value)) return null;
  if (!isAbsolute(value)) problems.push(`${name} must be an absolute path, got "${value}"`);
  return value;
}

/** Reads the settings, or throws one error naming every bad variable. */
export function backupSettingsFromEnv(
  env: Record<string, string | undefined>,
  dataDir: string,
): BackupSettings {
  const problems: string[] = [];
  const v = BACKUP_VARIABLES;
  const directory = absolute(v.directory, env[v.directory], problems) ?? join(dataDir, 'backups');
  const interval = env[v.interval];
  const intervalMs = blank(interval)
    ? DEFAULT_INTERVAL_HOURS * HOUR_MS
    : interval.trim().toLowerCase() === 'off'
      ? null
      : wholeNumber(v.interval, interval, 1, MAX_INTERVAL_HOURS, problems) * HOUR_MS;
  const keepText = env[v.keep];
  const keep = blank(keepText) ? DEFAULT_KEEP : wholeNumber(v.keep, keepText, 1, MAX_KEEP, problems);
  const pgBinDir = absolute(v.pgBinDir, env[v.pgBinDir], problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { directory, intervalMs, keep, pgBinDir };
}

/** Debian's and Ubuntu's place for PostgreSQL 15's tools, when they are not on PATH. */
const FALLBACK_PG_BIN = '/usr/lib/postgresql/15/bin';

/** The command to run for a PostgreSQL tool (`pg_dump`, `pg_restore`). */
export function pgTool(tool: 'pg_dump' | 'pg_restore', binDir: string | null): string {
  if (binDir) return join(binDir, tool);
  const onPath = (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, tool)));
  if (onPath) return tool;
  return join(FALLBACK_PG_BIN, tool);
}
