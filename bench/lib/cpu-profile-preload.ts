/**
 * Loaded into the webhook bench's server instances (NODE_OPTIONS=--import, as --cpu-prof is
 * not allowed there) when WEBHOOK_BENCH_CPU_PROF names a directory: profiles the whole process
 * with V8's profiler and writes <dir>/instance-<pid>.cpuprofile as it exits (open it in Chrome's
 * DevTools, or summarize it with bench/lib/cpu-profile-summary.ts).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.WEBHOOK_BENCH_CPU_PROF;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // A session in the process's own thread answers synchronously, so this completes within 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `instance-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
