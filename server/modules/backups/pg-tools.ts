import { spawn } from 'node:child_process';
import { pgTool } from './settings';

/**
 * Running pg_dump and pg_restore. The connection goes to them through libpq's environment
 * variables (PGHOST, PGPASSWORD…), never on the command line, where any user of the machine
 * could read the password in the process list.
 */

/** libpq's environment for the database `url` names (or `database` instead of the URL's). */
export function libpqEnv(url: string, database?: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {};
  const host = parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname);
  if (host) env.PGHOST = host;
  if (parsed.port) env.PGPORT = parsed.port;
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  env.PGDATABASE = database ?? decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** The database name a URL points at. */
export const databaseOf = (url: string): string =>
  decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

/** The URL of database `name` on the same server as `url`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

const STDERR_KEPT = 2000;

/** Runs a PostgreSQL tool to its end; rejects with its exit code and the end of its stderr. */
export function runPgTool(
  tool: 'pg_dump' | 'pg_restore',
  args: string[],
  connection: Record<string, string>,
  binDir: string | null,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgTool(tool, binDir), args, {
      env: { ...process.env, ...connection },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    child.on('error', (error) => reject(new Error(`${tool} could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(new Error(`${tool} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`));
    });
  });
}
