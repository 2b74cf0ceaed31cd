import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * How the housekeeping jobs tell the metrics what they deleted. The jobs run with a backend's
 * services, the metrics live with the server that serves it; both know the database, so the
 * listener is kept per database handle (a WeakMap: a closed backend's entry goes with it, and
 * two backends in one process never count each other's rows).
 */

type Listener = (table: string, rows: number) => void;

const listeners = new WeakMap<Kysely<DB>, Set<Listener>>();

/** Calls `listener` for each batch of rows pruned through `db`; returns the unsubscribe. */
export function onPruned(db: Kysely<DB>, listener: Listener): () => void {
  const set = listeners.get(db) ?? new Set<Listener>();
  listeners.set(db, set);
  set.add(listener);
  return () => set.delete(listener);
}

/** Reports rows pruned from `table` through `db`. */
export function reportPruned(db: Kysely<DB>, table: string, rows: number): void {
  if (rows === 0) return;
  for (const listener of listeners.get(db) ?? []) listener(table, rows);
}
