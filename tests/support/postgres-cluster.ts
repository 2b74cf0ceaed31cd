import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READY_BUDGET_MS, STOP_BUDGET_MS } from './budgets';
import { keeperScript, startKeeper, stopKeeper, type Keeper } from './orphan-keeper';
import { freePort } from './ports';
import { waitFor } from './wait';

/**
 * A throwaway PostgreSQL cluster for one test run: its own directory under the temp folder,
 * a free port on 127.0.0.1, trust auth for the superuser `tollgate`, durability off (a crash
 * loses nothing we keep), and the least WAL (wal_level=minimal: CREATE DATABASE … STRATEGY
 * FILE_COPY, how each test gets its database, then copies files without logging them, about
 * half the time). It is made by the tests themselves so `npm test` needs only
 * Debian's `postgresql` package, never a server someone set up.
 *
 * The server is watched by a keeper (orphan-keeper.ts): when this process ends in any way
 * (even SIGKILL), the keeper stops the server (`pg_ctl stop -m fast`, else `immediate`) and
 * removes the directory: the cluster never outlives the run that made it.
 */

export interface ThrowawayCluster {
  /** The admin URL: `postgres://tollgate@127.0.0.1:<port>/postgres`. */
  url: string;
  port: number;
  /** The cluster's directory (data, socket, log); gone once stop() resolves. */
  directory: string;
  stop(): Promise<void>;
}

const SERVER_PROGRAMS = ['initdb', 'pg_ctl', 'postgres', 'pg_isready'];
const MISSING =
  "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found: install Debian's postgresql " +
  '(`apt-get install postgresql`), or point the tests at a server of your own with TOLLGATE_TEST_POSTGRES_URL';
/** A second and third try on a new port, for when another process took ours in between. */
const ATTEMPTS = 3;

/** `pg_config --bindir` when it holds the server programs, else the newest /usr/lib/postgresql/<n>/bin. */
export function serverBinDir(): string {
  const candidates: string[] = [];
  try {
    const bindir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    candidates.push(bindir.trim());
  } catch {
    // No pg_config (it comes with libpq-dev, not with the server): look in Debian's layout.
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name));
    versions.sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  } catch {
    // No Debian packages at all.
  }
  const found = candidates.find((dir) => SERVER_PROGRAMS.every((program) => existsSync(join(dir, program))));
  if (!found) throw new Error(MISSING);
  return found;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to `postgres` (else `nobody`). */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
      return { name, uid: id('-u'), gid: id('-g') };
    } catch {
      // No such user here; try the next.
    }
  }
  throw new Error(
    'running as root, but neither a `postgres` nor a `nobody` user exists to run PostgreSQL as',
  );
}

/** The command line that runs `command` as the server's user. */
function asServerUser(user: { name: string } | null, command: string, args: string[]): [string, string[]] {
  return user ? ['runuser', ['-u', user.name, '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() || (error?.message ?? '') });
    });
  });
}

/**
 * The keeper (orphan-keeper.ts): $1 bin dir, $2 cluster dir, $3 port. Starts the server with its
 * log in the directory; once its stdin closes, stops it (fast, else immediate).
 */
const KEEPER = keeperScript({
  prelude: 'bin=$1 dir=$2 port=$3',
  start: `"$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 \\
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \\
  -c wal_level=minimal -c max_wal_senders=0 \\
  >"$dir/server.log" 2>&1`,
  stop: `"$bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null 2>&1 ||
    "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w >/dev/null 2>&1`,
  log: '$dir/server.log',
  dir: '$dir',
});

function startClusterKeeper(user: { name: string } | null, bin: string, dir: string, port: number): Keeper {
  const [command, args] = asServerUser(user, 'sh', ['-c', KEEPER, 'keeper', bin, dir, String(port)]);
  return startKeeper(command, args, dir);
}

const stopClusterKeeper = (keeper: Keeper, dir: string) =>
  stopKeeper(keeper, dir, STOP_BUDGET_MS, 'PostgreSQL');

async function attempt(
  bin: string,
  user: ReturnType<typeof serverUser>,
  pickPort: () => Promise<number>,
): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-pg-'));
  let keeper: Keeper | null = null;
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const [initCommand, initArgs] = asServerUser(user, join(bin, 'initdb'), [
      ...['-D', join(dir, 'data'), '-U', 'tollgate', '--auth=trust', '-E', 'UTF8'],
      // C collation: text sorts bytewise, as on SQLite.
      ...['--locale=C.UTF-8', '--no-sync', '--no-instructions'],
    ]);
    const init = await run(initCommand, initArgs, dir);
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);
    const port = await pickPort();
    const started = (keeper = startClusterKeeper(user, bin, dir, port));
    // Readiness over the Unix socket in our own directory: only our server can answer there.
    const isready = ['-q', '-h', dir, '-p', String(port), '-U', 'tollgate', '-d', 'postgres'];
    await waitFor(
      `PostgreSQL on port ${port} to accept connections`,
      async () => {
        if (started.ended()) throw new Error(`the server ended before it was ready:\n${started.stderr()}`);
        return (await run(join(bin, 'pg_isready'), isready, dir)).code === 0;
      },
      READY_BUDGET_MS,
    );
    return {
      url: `postgres://tollgate@127.0.0.1:${port}/postgres`,
      port,
      directory: dir,
      stop: () => stopClusterKeeper(started, dir),
    };
  } catch (error) {
    if (keeper) await stopClusterKeeper(keeper, dir);
    else rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Makes and starts a throwaway cluster, resolving once it accepts connections; `stop()` stops
 * it and removes its directory. Throws, saying what to install, when the server programs are
 * missing.
 */
export async function startThrowawayCluster(
  options: {
    /** Where each try's port comes from; tests use it to hand out a taken one. */
    pickPort?: () => Promise<number>;
  } = {},
): Promise<ThrowawayCluster> {
  const bin = serverBinDir();
  const user = serverUser();
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(bin, user, options.pickPort ?? freePort);
    } catch (error) {
      const portTaken = error instanceof Error && /could not bind|already in use/i.test(error.message);
      if (!portTaken || tries >= ATTEMPTS) throw error;
    }
  }
}
