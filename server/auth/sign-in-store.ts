import { CompiledQuery, type Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AppDatabase } from '../db/connection';
import type { DB } from '../db/schema';

/**
 * Where the sign-in guard keeps its counts (decision 111). SQLite is one process: memory,
 * as before. PostgreSQL may be served by several instances behind a round-robin balancer:
 * there the counts live in the database (rate-limiter-flexible's RateLimiterPostgres, in the
 * sign_in_throttle table of migration 0020), so N instances allow the same guesses as one.
 */

export interface Window {
  points: number;
  durationS: number;
}

export interface ThrottleStore {
  /** A limiter of `window`, its keys prefixed with `name` (limiters of one store share a table). */
  limiter(name: string, window: Window): RateLimiterAbstract;
  /** Stops the store's housekeeping; the database itself is its owner's to close. */
  close(): void;
}

export function memoryThrottle(): ThrottleStore {
  return {
    limiter: (name, window) =>
      new RateLimiterMemory({ keyPrefix: name, points: window.points, duration: window.durationS }),
    close: () => {},
  };
}

/**
 * The `pg` client shape RateLimiterPostgres calls (`query({ text, values })` answering rows
 * and rowCount), over the server's own Kysely: its pool and its connections, none opened
 * for the throttle. Kysely hides its `pg.Pool`; this is the whole of what the library uses of it.
 */
function pgClientOver(db: Kysely<DB>) {
  return {
    query: async (query: { text: string; values?: readonly unknown[] }) => {
      const result = await db.executeQuery(CompiledQuery.raw(query.text, [...(query.values ?? [])]));
      return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) };
    },
  };
}

/** Rows expired longer ago than this go (an hour, as the library's own sweep: no clock skew between instances matters). */
export const SWEEP_AFTER_MS = 60 * 60 * 1000;
/** How often each instance sweeps: the table holds at most the keys of the last window plus the margin. */
export const SWEEP_EVERY_MS = 5 * 60 * 1000;

/** Deletes the counters that expired SWEEP_AFTER_MS before `now`; answers how many went. */
export async function sweepThrottle(db: Kysely<DB>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('sign_in_throttle')
    .where('expire', '<', now - SWEEP_AFTER_MS)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function postgresThrottle(
  db: Kysely<DB>,
  options: { onSweepError?: (error: unknown) => void; sweepEveryMs?: number } = {},
): ThrottleStore {
  const client = pgClientOver(db);
  // Ours, not the library's clearExpiredByTimeout: one sweep for the four limiters that share
  // the table, and one that stops when the server closes (the library's timer never does).
  const sweeper = setInterval(() => {
    sweepThrottle(db, Date.now()).catch((error: unknown) => options.onSweepError?.(error));
  }, options.sweepEveryMs ?? SWEEP_EVERY_MS);
  sweeper.unref();
  return {
    limiter: (name, window) =>
      new RateLimiterPostgres({
        storeClient: client,
        storeType: 'pool',
        tableName: 'sign_in_throttle',
        // Migration 0020 made it: the library runs no DDL at run time.
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: name,
        points: window.points,
        duration: window.durationS,
      }),
    close: () => clearInterval(sweeper),
  };
}

/** The store for a server's database: shared on PostgreSQL, in memory on SQLite. */
export function throttleFor(database: AppDatabase, onSweepError?: (error: unknown) => void): ThrottleStore {
  return database.dialect === 'postgres' ? postgresThrottle(database.db, { onSweepError }) : memoryThrottle();
}
