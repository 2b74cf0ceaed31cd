import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Logger } from '../../../lib/logger';

/**
 * The validation log (license_validations): a ring of RING_SLOTS rows per license, the slot
 * after the newest rewritten in place, so a license's log holds its last RING_SLOTS
 * validations and never grows (nor does the row log it replicates through: a slot's entry is
 * replaced there too).
 *
 * Validations are answered first and logged after: each is noted in memory, and every
 * FLUSH_MS the notes are written as multi-row upserts of ROWS_PER_STATEMENT rows (also when
 * the backend closes), each its own statement with a turn of the event loop between them: one
 * transaction per validation would make the log the cost of the validation, and one
 * transaction for the whole flush would hold SQLite's only connection (and the event loop)
 * while the validations waiting behind it need a read. The memory is bounded: at most RING_SLOTS notes per license are kept (older ones
 * would be overwritten in the same flush) and MAX_PENDING in all; past that, notes are dropped
 * and counted in a warning. A process learns where a license's ring stands from its newest
 * row once, then counts on; two instances writing one license's ring at once may overwrite
 * each other's newest slots (the log stays bounded and ordered by time).
 *
 * A run of identical validations in a row (same outcome, machine, user, client, address) takes
 * one slot: its `repeats`, first and latest time (decision 164). An app validating every few
 * seconds would otherwise fill the ring with copies of one line, hide the validation that
 * differed, and cost a row write (and a row-log entry) per validation.
 */

export const RING_SLOTS = 100;
export const FLUSH_MS = 200;
export const MAX_PENDING = 10_000;
const MAX_KNOWN_RINGS = 100_000;
/** A statement of 100 rows held the event loop ~2 ms on SQLite; requests behind it waited (decision 164). */
const ROWS_PER_STATEMENT = 25;

type Slot = DB['license_validations'];
export type ValidationNote = Omit<Slot, 'slot' | 'repeats' | 'first_validated_at'>;
type Run = Omit<Slot, 'slot'>;

/** Whether `next` continues `run`: the same license, customer, outcome, machine, user, caller. */
const continues = (run: Run, next: Run | ValidationNote) =>
  run.license_id === next.license_id &&
  run.customer_id === next.customer_id &&
  run.valid === next.valid &&
  run.code === next.code &&
  run.fingerprint === next.fingerprint &&
  run.user_ref === next.user_ref &&
  run.client === next.client &&
  run.address === next.address;

class ValidationLog {
  #pending = new Map<string, Run[]>();
  #size = 0;
  #dropped = 0;
  /** The newest slot of each license's ring as last written or read: where the ring goes on. */
  readonly #newest = new Map<string, Slot | null>();
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly logger: Logger,
  ) {}

  note(entry: ValidationNote): void {
    let notes = this.#pending.get(entry.license_id);
    if (!notes) this.#pending.set(entry.license_id, (notes = []));
    const last = notes[notes.length - 1];
    if (last && continues(last, entry)) {
      last.repeats += 1;
      last.validated_at = Math.max(last.validated_at, entry.validated_at);
      return;
    }
    const run = { ...entry, repeats: 1, first_validated_at: entry.validated_at };
    if (notes.length >= RING_SLOTS) {
      notes.shift();
    } else if (this.#size >= MAX_PENDING) {
      this.#dropped += 1;
      return;
    } else {
      this.#size += 1;
    }
    notes.push(run);
    this.#timer ??= setInterval(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Writes what is noted; flushes run one after another. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }

  async #write(): Promise<void> {
    if (this.#size === 0) return;
    const pending = this.#pending;
    const dropped = this.#dropped;
    this.#pending = new Map();
    this.#size = 0;
    this.#dropped = 0;
    if (dropped > 0) this.logger.warn({ dropped }, 'validation log notes dropped: the buffer was full');
    try {
      const rows = await this.#slotted(pending);
      for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
        if (at > 0) await new Promise((resolve) => setImmediate(resolve));
        await this.#upsert(rows.slice(at, at + ROWS_PER_STATEMENT));
      }
    } catch (error) {
      this.logger.error({ err: error }, 'writing the validation log failed; those entries are lost');
    }
  }

  #upsert(rows: Slot[]) {
    return this.db
      .insertInto('license_validations')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['license_id', 'slot']).doUpdateSet((eb) => ({
          validated_at: eb.ref('excluded.validated_at'),
          valid: eb.ref('excluded.valid'),
          code: eb.ref('excluded.code'),
          fingerprint: eb.ref('excluded.fingerprint'),
          user_ref: eb.ref('excluded.user_ref'),
          client: eb.ref('excluded.client'),
          address: eb.ref('excluded.address'),
          repeats: eb.ref('excluded.repeats'),
          first_validated_at: eb.ref('excluded.first_validated_at'),
        })),
      )
      .execute();
  }

  /**
   * The runs with their slots: each license's ring continues after its newest slot, and a first
   * run that continues the newest slot's run is written into that slot.
   */
  async #slotted(pending: Map<string, Run[]>): Promise<Slot[]> {
    const rows: Slot[] = [];
    for (const [licenseId, runs] of pending) {
      let newest = this.#newest.has(licenseId) ? this.#newest.get(licenseId) : await this.#read(licenseId);
      for (const run of runs) {
        newest =
          newest && continues(newest, run)
            ? { ...newest, repeats: newest.repeats + run.repeats, validated_at: run.validated_at }
            : { ...run, slot: newest ? (newest.slot + 1) % RING_SLOTS : 0 };
        rows.push(newest);
      }
      this.#remember(licenseId, newest ?? null);
    }
    return rows;
  }

  #remember(licenseId: string, newest: Slot | null): void {
    this.#newest.delete(licenseId);
    this.#newest.set(licenseId, newest);
    if (this.#newest.size > MAX_KNOWN_RINGS) {
      const oldest = this.#newest.keys().next();
      if (!oldest.done) this.#newest.delete(oldest.value);
    }
  }

  async #read(licenseId: string): Promise<Slot | null> {
    const newest = await this.db
      .selectFrom('license_validations')
      .selectAll()
      .where('license_id', '=', licenseId)
      .orderBy('validated_at', 'desc')
      .orderBy('slot', 'desc')
      .limit(1)
      .executeTakeFirst();
    return newest ?? null;
  }
}

const logs = new WeakMap<Kysely<DB>, ValidationLog>();

/** The validation log of `db` (one per database handle). */
export function validationLogFor(db: Kysely<DB>, logger: Logger): ValidationLog {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = new ValidationLog(db, logger)));
  return log;
}

/** Writes what is noted and stops the timer: before the database closes. */
export async function closeValidationLog(db: Kysely<DB>): Promise<void> {
  await logs.get(db)?.close();
}

/** Writes what is noted now (tests, and the staff log's reader when it wants the latest). */
export async function flushValidationLog(db: Kysely<DB>): Promise<void> {
  await logs.get(db)?.flush();
}
