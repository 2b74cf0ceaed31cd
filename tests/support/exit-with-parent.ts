/**
 * Preloaded (`node --import`) into every server a test starts, from its first instant, so
 * the server never outlives the process that started it, even one killed mid-boot (the
 * server's own stdin watch starts only once it listens).
 *
 * When the parent ends, normally or killed, this process is handed to another parent, so
 * its parent pid changes; there is no event for that, so we look every half second. We then
 * ask ourselves to stop with SIGTERM: a server that is up stops gracefully through its own
 * handler, one still booting has no handler yet and ends at once. If a graceful stop hangs,
 * we end anyway after the grace period.
 *
 * (Not stdin: reading stdin from a preload stops tsx from loading the entry module.)
 */
import { STOP_BUDGET_MS } from './budgets';

const LOOK_EVERY_MS = 500;
const parent = process.ppid;

const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  setTimeout(() => process.exit(1), STOP_BUDGET_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}, LOOK_EVERY_MS);
// The watch must not keep alive a process that would otherwise end by itself.
watch.unref();
