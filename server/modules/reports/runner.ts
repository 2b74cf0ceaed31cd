import { mkdir, rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Logger } from '../../lib/logger';
import { runExport, type ExportJob } from './engine';
import { failInterrupted } from './repo';

/**
 * Runs exports in the backend process, in the background of the request that started them:
 * one at a time per user (a second waits its turn), any number of users side by side. Files
 * go to `directory` (the desktop's data folder, or the hosted server's configured folder).
 */
export class ExportRunner {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly runs = new Map<string, Promise<void>>();

  constructor(
    /** This backend's own database, where its exports are listed (a desktop's, also while connected). */
    readonly db: Kysely<DB>,
    readonly directory: string,
    private readonly logger: Logger,
    /** At most this many rows per page read (default: each list's own maximum). */
    private readonly maxPageRows = Number.POSITIVE_INFINITY,
  ) {}

  /** Rows per page when reading `listMaximum`-row pages. */
  pageSize(listMaximum: number): number {
    return Math.min(listMaximum, this.maxPageRows);
  }

  /** Queues `job` behind the user's earlier exports; returns at once. */
  enqueue(userKey: string, job: ExportJob): void {
    const previous = this.queues.get(userKey) ?? Promise.resolve();
    const run = previous.then(() => this.run(job));
    this.queues.set(userKey, run);
    this.runs.set(job.id, run);
    void run.finally(() => {
      this.runs.delete(job.id);
      if (this.queues.get(userKey) === run) this.queues.delete(userKey);
    });
  }

  private async run(job: ExportJob): Promise<void> {
    try {
      const outcome = await runExport(job);
      this.logger.info(
        { exportId: job.id, source: job.source.name, format: job.format, outcome },
        'export ended',
      );
    } catch (error) {
      this.logger.error({ err: error, exportId: job.id }, 'an export failed unexpectedly');
    }
  }

  /** Resolves once export `id` has ended (at once when it is not running here): tests wait on it. */
  settled(id: string): Promise<void> {
    return this.runs.get(id) ?? Promise.resolve();
  }

  /** Waits for every export in hand (the backend is closing; each stops at its next page if canceled). */
  async idle(): Promise<void> {
    await Promise.all([...this.runs.values()]);
  }
}

/**
 * The runner of a backend that is starting: its folder made, and exports a restart interrupted
 * marked failed with their partial files removed (nothing resumes an export half written).
 */
export async function startExportRunner(deps: {
  db: Kysely<DB>;
  directory: string;
  now: number;
  logger: Logger;
}): Promise<ExportRunner> {
  await mkdir(deps.directory, { recursive: true });
  for (const file of await failInterrupted(deps.db, deps.now)) await rm(file, { force: true });
  return new ExportRunner(deps.db, deps.directory, deps.logger);
}
