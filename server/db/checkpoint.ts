import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { CHECKPOINT_WORKER_SOURCE, type CheckpointWorkerData } from './checkpoint-worker';

/** SQLite's own default: checkpoint on commit once the WAL holds this many pages. */
export const AUTOMATIC_CHECKPOINT_PAGES = 1000;

/**
 * With the worker running, the main connection still checkpoints at this many pages (64 MB
 * at 4 kB pages). The worker keeps the WAL far below it whenever writes pause for a few
 * milliseconds; only a writer that never pauses reaches it, and then the main connection,
 * the only writer, finishes the checkpoint the worker could not (copying just the frames the
 * worker had not reached yet) and the WAL starts over.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 16_384;

export interface CheckpointOptions {
  path: string;
  nativeBinding?: string;
  /** Told (once: a checkpointer has one worker) if checkpoints fall back to the main thread. */
  warn: (message: string) => void;
  intervalMs?: number;
  catchUpMs?: number;
  backstopPages?: number;
}

export type CheckpointState = 'starting' | 'running' | 'fallback' | 'stopped';

export interface Checkpointer {
  readonly state: CheckpointState;
  /** For tests: the worker thread, to see it stop or to kill it. */
  readonly worker: Worker;
  /** Stops the worker after a last checkpoint; resolves when its thread has exited. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the thread that serves requests. better-sqlite3 is synchronous,
 * so SQLite's automatic checkpoint (run by whichever commit takes the WAL past 1,000 pages)
 * stalls that commit's request for milliseconds, mostly two fsyncs; a worker thread with its
 * own connection to the same file checkpoints instead. The main connection keeps its usual
 * automatic checkpoint until the worker says it is ready, and gets it back if the worker
 * dies: the WAL stays bounded whatever happens to the worker.
 */
export function startCheckpointer(sqlite: Database.Database, options: CheckpointOptions): Checkpointer {
  const workerData: CheckpointWorkerData = {
    path: options.path,
    nativeBinding: options.nativeBinding,
    requireFrom: import.meta.url,
    intervalMs: options.intervalMs ?? 250,
    catchUpMs: options.catchUpMs ?? 20,
  };
  const worker = new Worker(CHECKPOINT_WORKER_SOURCE, { eval: true, workerData });
  // A database left open must not keep the process alive; stop() holds it while it waits.
  worker.unref();
  let state: CheckpointState = 'starting';
  let failure: unknown;
  const automaticCheckpointAt = (pages: number) => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${pages}`);
  };

  worker.on('message', (message) => {
    if (message !== 'ready' || state !== 'starting') return;
    automaticCheckpointAt(options.backstopPages ?? BACKSTOP_CHECKPOINT_PAGES);
    state = 'running';
  });
  worker.on('error', (error) => {
    failure = error;
  });
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      if (state !== 'stopped') {
        state = 'fallback';
        automaticCheckpointAt(AUTOMATIC_CHECKPOINT_PAGES);
        const reason = failure instanceof Error ? failure.message : `exit code ${code}`;
        options.warn(
          `WAL checkpoints are back on the main thread: the checkpoint worker stopped (${reason})`,
        );
      }
      resolve();
    });
  });

  return {
    get state() {
      return state;
    },
    worker,
    async stop() {
      if (state === 'stopped' || state === 'fallback') return exited;
      state = 'stopped';
      worker.ref();
      worker.postMessage('stop');
      // A worker stuck in a checkpoint that cannot finish must not hold up the close.
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
      // Closing is what normally follows; should the connection stay open, it checkpoints itself.
      automaticCheckpointAt(AUTOMATIC_CHECKPOINT_PAGES);
    },
  };
}
