import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the webhook bench's CPU goes: the CPU time (user + system, from /proc/<pid>/stat) each
 * role's processes used during a load level — the load generator (this process), the server
 * instances, nginx, and the PostgreSQL backends serving the bench's database — so a figure
 * comes with "this much CPU per event, spent here". Linux only; elsewhere the split is empty.
 */

/** The processes of one role, found again at each sample (backends come and go with the pool). */
export type RolePids = () => number[];

const TICKS_PER_SECOND = 100;

/** CPU milliseconds a process used so far, or null when it is gone or /proc is not there. */
function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** `pid` and its children (nginx's master and its workers). */
export function withChildren(pid: number): number[] {
  const children = allPids().filter((candidate) => {
    try {
      const stat = readFileSync(`/proc/${candidate}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  });
  return [pid, ...children];
}

/** PostgreSQL backends connected to `database` (their title is "postgres: <user> <database> …"). */
export function backendsOf(database: string): number[] {
  return allPids().filter((pid) => {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      return title.startsWith('postgres: ') && title.split(' ').includes(database);
    } catch {
      return false;
    }
  });
}

type Snapshot = Map<string, Map<number, number>>;

function snapshot(roles: Record<string, RolePids>): Snapshot {
  const taken: Snapshot = new Map();
  for (const [role, pids] of Object.entries(roles)) {
    const times = new Map<number, number>();
    for (const pid of pids()) {
      const used = cpuMsOf(pid);
      if (used !== null) times.set(pid, used);
    }
    taken.set(role, times);
  }
  return taken;
}

/**
 * Starts measuring; the returned function gives each role's CPU ms since then. A process that
 * started in between counts from zero; one that ended in between is lost (said beside figures).
 */
export function measureCpu(roles: Record<string, RolePids>): () => Record<string, number> {
  const before = snapshot(roles);
  return () => {
    const after = snapshot(roles);
    const used: Record<string, number> = {};
    for (const [role, times] of after) {
      let total = 0;
      for (const [pid, ms] of times) total += ms - (before.get(role)?.get(pid) ?? 0);
      used[role] = total;
    }
    return used;
  };
}

/**
 * The NODE_OPTIONS that make a server instance write a V8 CPU profile of its whole run to
 * `dir` (instance-<pid>.cpuprofile) as it exits; summarize it with bench/lib/cpu-profile-summary.ts
 * or open it in Chrome's DevTools. --cpu-prof itself is not allowed in NODE_OPTIONS, and the
 * preload runs before tsx is loaded, so it is plain JavaScript, imported from a data: URL.
 */
export function cpuProfileNodeOptions(dir: string): string {
  const preload = `
    import { writeFileSync } from 'node:fs';
    import { Session } from 'node:inspector';
    const session = new Session();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.start');
    // A session in the process's own thread answers synchronously, so this completes within 'exit'.
    process.once('exit', () => session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(${JSON.stringify(dir)} + '/instance-' + process.pid + '.cpuprofile', JSON.stringify(result.profile));
    }));`;
  return `--import=data:text/javascript,${encodeURIComponent(preload)}`;
}
