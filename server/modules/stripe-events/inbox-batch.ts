import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { insertInboxEvent, inboxRow, type InboxEvent } from './inbox';

/**
 * Group commit for the PostgreSQL webhook path. Deliveries that arrive while an insert is in
 * flight wait and are then inserted together, in one multi-row `INSERT … ON CONFLICT DO
 * NOTHING RETURNING`: one round trip and one commit for the group instead of one each. Each
 * delivery still gets its own answer (stored, or a duplicate) and only once its row is
 * committed, so an acknowledged event is never lost. Idle, a delivery is inserted at once,
 * alone: grouping adds no wait, it only uses the time a previous insert was taking anyway.
 * See docs/decisions.md.
 */
export interface InboxBatcher {
  /** Resolves true when the event was new, false for a duplicate, once its row is committed. */
  insert(event: InboxEvent, now: number): Promise<boolean>;
}

interface Waiting {
  event: InboxEvent;
  now: number;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

export interface BatchOptions {
  /** Most rows in one statement (10 parameters each: PostgreSQL's limit is 65,535). */
  maxRows: number;
  /** Inserts in flight at once, each on its own pooled connection. */
  inFlight: number;
}

const DEFAULTS: BatchOptions = { maxRows: 250, inFlight: 2 };

const keyOf = (event: InboxEvent) => `${event.tenantId}\u0000${event.eventId}`;

/**
 * One statement for the group. Rows go in key order: two instances inserting overlapping groups
 * then wait on each other's rows in the same order, never in a cycle (a deadlock). A delivery
 * repeated within the group is inserted once; its repeats are answered as duplicates.
 */
async function insertGroup(db: Kysely<DB>, group: Waiting[]): Promise<void> {
  const first = new Map<string, Waiting>();
  for (const waiting of group) if (!first.has(keyOf(waiting.event))) first.set(keyOf(waiting.event), waiting);
  const rows = [...first.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, waiting]) => inboxRow(waiting.event, waiting.now));
  const inserted = await db
    .insertInto('stripe_events')
    .values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
    .returning(['tenant_id', 'event_id'])
    .execute();
  const stored = new Set(inserted.map((row) => `${row.tenant_id}\u0000${row.event_id}`));
  for (const waiting of group) {
    const key = keyOf(waiting.event);
    waiting.resolve(first.get(key) === waiting && stored.has(key));
  }
}

/** When the group's statement failed, each delivery on its own: one bad row fails only its request. */
async function insertEachAlone(db: Kysely<DB>, group: Waiting[]): Promise<void> {
  for (const waiting of group) {
    await insertInboxEvent(db, waiting.event, waiting.now).then(waiting.resolve, waiting.reject);
  }
}

export function inboxBatcher(db: Kysely<DB>, options: Partial<BatchOptions> = {}): InboxBatcher {
  const { maxRows, inFlight } = { ...DEFAULTS, ...options };
  const queue: Waiting[] = [];
  let running = 0;

  const flush = async (group: Waiting[]) => {
    try {
      await insertGroup(db, group);
    } catch (error) {
      if (group.length === 1) group[0]?.reject(error);
      else await insertEachAlone(db, group);
    }
  };

  const pump = () => {
    while (running < inFlight && queue.length > 0) {
      running++;
      void flush(queue.splice(0, maxRows)).finally(() => {
        running--;
        pump();
      });
    }
  };

  return {
    insert: (event, now) =>
      new Promise<boolean>((resolve, reject) => {
        queue.push({ event, now, resolve, reject });
        pump();
      }),
  };
}
