import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * Deletes up to `batch` sign-ins (session families) whose every refresh token expired before
 * `cutoff`, all rows of a family in one statement (a row names its successor, so a family goes
 * whole). A family with any token still live stays, revoked rows included: they are how a
 * reused token is recognised until it would have expired anyway. Returns families and rows gone.
 */
export async function pruneExpiredSessions(
  db: Kysely<DB>,
  cutoff: number,
  batch: number,
): Promise<{ families: number; rows: number }> {
  const families = await db
    .selectFrom('sessions')
    .select('family_id')
    .groupBy('family_id')
    .having((eb) => eb.fn.max('expires_at'), '<', cutoff)
    .limit(batch)
    .execute();
  if (families.length === 0) return { families: 0, rows: 0 };
  const deleted = await db
    .deleteFrom('sessions')
    .where(
      'family_id',
      'in',
      families.map((f) => f.family_id),
    )
    .executeTakeFirst();
  return { families: families.length, rows: Number(deleted.numDeletedRows) };
}
