/**
 * The checkpoint worker's program, as source text run with `new Worker(code, { eval: true })`.
 *
 * Text rather than a module file because the same code must start under tsx and vitest (which
 * run the .ts sources; a plain Worker would not transform a .ts file) and from the main
 * process bundle electron-vite writes (one file, where a separate worker module would need its
 * own entry). It is plain CommonJS with nothing but Node built-ins and better-sqlite3, which
 * it loads relative to `requireFrom` (an eval'd script would otherwise resolve from the cwd).
 * It must not contain the text "require" followed by "(": electron-vite would then inject its
 * CommonJS shim into the bundle, placed by a pattern that this text and others trip up.
 *
 * Loop: a PASSIVE checkpoint every `intervalMs`. PASSIVE never waits on a lock, so it never
 * holds up the main thread's writes; but a pass that races with a commit leaves the newest
 * frames behind, and SQLite reuses the WAL from its start only after a pass that copied every
 * frame. So a pass that ends behind is followed soon (`catchUpMs`) by another, which copies
 * only the frames added since. Under load that never pauses no pass may finish; the main
 * connection's automatic checkpoint, set high, is the backstop (see checkpoint.ts).
 */
export const CHECKPOINT_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { createRequire } = process.getBuiltinModule('node:module');
const Database = createRequire(workerData.requireFrom)('better-sqlite3');
const db = new Database(
  workerData.path,
  workerData.nativeBinding ? { fileMustExist: true, nativeBinding: workerData.nativeBinding } : { fileMustExist: true },
);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let timer = null;
let lastLog = 0;

function pass() {
  const result = passive.get();
  // Frames added since the last pass mean commits are still coming: come back soon.
  const busy = result.checkpointed < result.log || result.log !== lastLog;
  lastLog = result.log;
  timer = setTimeout(pass, busy ? workerData.catchUpMs : workerData.intervalMs);
}

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  if (timer) clearTimeout(timer);
  passive.get();
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
pass();
`;

export interface CheckpointWorkerData {
  /** The database file (never ':memory:'). */
  path: string;
  nativeBinding?: string;
  /** A file URL or path that better-sqlite3 resolves from. */
  requireFrom: string;
  intervalMs: number;
  catchUpMs: number;
}
