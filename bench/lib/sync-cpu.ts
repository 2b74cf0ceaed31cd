import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector';
import { backendsOf, measureCpu } from './webhook-cpu';

/**
 * bench:sync's CPU time per phase, which the machine's load disturbs less than wall time: this
 * process (the server's HTTP side and the desktop, which run in it) and, on PostgreSQL, the
 * backends serving the bench's database (from /proc; Linux only, elsewhere 0).
 */
export interface PhaseCpu {
  node: number;
  postgres: number;
}

/** Starts measuring a phase; the returned function gives its CPU milliseconds so far. */
export function phaseCpu(databaseUrl: string | null): () => PhaseCpu {
  const database = databaseUrl ? new URL(databaseUrl).pathname.slice(1) : null;
  const used = measureCpu({
    node: () => [process.pid],
    postgres: () => (database ? backendsOf(database) : []),
  });
  return () => {
    const times = used();
    return { node: times.node ?? 0, postgres: times.postgres ?? 0 };
  };
}

/**
 * A V8 CPU profile of this process during one phase, written to `dir`/<name>.cpuprofile when
 * the returned function is called (summarize: npx tsx bench/lib/cpu-profile-summary.ts <file>).
 * Without a `dir`, nothing is profiled.
 */
export function profilePhase(dir: string | null, name: string): () => void {
  if (!dir) return () => undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  return () =>
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(result.profile));
      session.disconnect();
    });
}
