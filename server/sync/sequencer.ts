import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect';
import type { DB } from '../db/schema';

/** Any fixed number: the advisory lock one sequencer pass holds, whichever instance runs it. */
const SEQUENCER_LOCK = 7_310_011;

/**
 * Gives committed changes their place in the row log, in commit order (PostgreSQL only).
 *
 * On SQLite the triggers number each change as it is written: one writer at a time, so the
 * order of numbers is the order of commits. On PostgreSQL, instances write at once, and a
 * number drawn inside a transaction can commit after a higher one: a replica that pulled up to
 * the higher number would skip it forever. So triggers there write a negative provisional
 * number, which pull never reads, and this pass — under an advisory lock, so one runs at a
 * time — numbers the rows it can see (committed ones: an uncommitted row is invisible or, if
 * an older version is visible, locked and skipped) after the highest number given so far. A
 * change committed later is always numbered later, so a cursor never passes one unread.
 * Returns how many changes it numbered.
 */
export async function sequenceCommittedChanges(db: Kysely<DB>): Promise<number> {
  if (dialectOf(db) !== 'postgres') return 0;
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK})`.execute(trx);
    const { rows } = await sql<{ numbered: number }>`
      WITH pending AS (
        SELECT tbl, pk, seq FROM sync_rows WHERE seq < 0
        ORDER BY seq DESC
        FOR UPDATE SKIP LOCKED
      ), numbered AS (
        SELECT tbl, pk, (SELECT seq FROM sync_counter WHERE id = 1) + row_number() OVER (ORDER BY seq DESC) AS seq
        FROM pending
      ), assigned AS (
        UPDATE sync_rows AS s SET seq = numbered.seq
        FROM numbered WHERE s.tbl = numbered.tbl AND s.pk = numbered.pk
        RETURNING s.seq
      ), counted AS (
        UPDATE sync_counter SET seq = greatest(seq, coalesce((SELECT max(seq) FROM assigned), 0))
        WHERE id = 1
        RETURNING seq
      )
      SELECT (SELECT count(*) FROM assigned) AS numbered, (SELECT seq FROM counted) AS head
    `.execute(trx);
    return Number(rows[0]?.numbered ?? 0);
  });
}
