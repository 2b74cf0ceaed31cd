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
 */

export const RING_SLOTS = 100;
export const FLUSH_MS = 200;
export const MAX_PENDING = 10_000;
const MAX_KNOWN_RINGS = 100_000;
const ROWS_PER_STATEMENT = 100;

export type ValidationNote = Omit<DB['license_validations'], 'slot'>;

class ValidationLog {
  #pending = new Map<string, ValidationNote[]>();
  #size = 0;
  #dropped = 0;
  /** The next slot of each license's ring, once read. */
  readonly #next = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly logger: Logger,
  ) {}

  note(entry: ValidationNote): void {
    let notes = this.#pending.get(entry.license_id);
    if (!notes) this.#pending.set(entry.license_id, (notes = []));
    if (notes.length >= RING_SLOTS) {
      notes.shift();
    } else if (this.#size >= MAX_PENDING) {
      this.#dropped += 1;
      return;
    } else {
      this.#size += 1;
    }
    notes.push(entry);
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

  #upsert(rows: DB['license_validations'][]) {
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
        })),
      )
      .execute();
  }

  /** The notes with their slots: each license's ring continues after its newest slot. */
  async #slotted(pending: Map<string, ValidationNote[]>): Promise<DB['license_validations'][]> {
    const rows: DB['license_validations'][] = [];
    for (const [licenseId, notes] of pending) {
      let slot = this.#next.get(licenseId) ?? (await this.#after(licenseId));
      for (const note of notes) {
        rows.push({ ...note, slot });
        slot = (slot + 1) % RING_SLOTS;
      }
      this.#next.delete(licenseId);
      this.#next.set(licenseId, slot);
      if (this.#next.size > MAX_KNOWN_RINGS) {
        const oldest = this.#next.keys().next();
        if (!oldest.done) this.#next.delete(oldest.value);
      }
    }
    return rows;
  }

  async #after(licenseId: string): Promise<number> {
    const newest = await this.db
      .selectFrom('license_validations')
      .select('slot')
      .where('license_id', '=', licenseId)
      .orderBy('validated_at', 'desc')
      .orderBy('slot', 'desc')
      .limit(1)
      .executeTakeFirst();
    return newest ? (newest.slot + 1) % RING_SLOTS : 0;
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
