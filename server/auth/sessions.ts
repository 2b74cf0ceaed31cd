import type { Kysely } from 'kysely';
import { newId } from '../../shared/ids';
import type { DB } from '../db/schema';
import { DomainError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { hashOpaqueToken, newRefreshToken } from './tokens';

/**
 * Sign-in sessions. Each refresh token is one row; using it makes a successor row in the
 * same family and marks the old one replaced. A replaced token presented again means two
 * parties hold it (the client's copy was stolen, or the thief refreshed first): the whole
 * family is revoked and both must sign in again (OAuth 2.0 Security BCP, refresh-token
 * rotation). A session lives 30 days from its last refresh.
 */

export const REFRESH_TTL_MS = 30 * 24 * 3_600_000;

export interface IssuedRefresh {
  sessionId: string;
  userId: string;
  refreshToken: string;
  expiresAt: number;
}

async function insertRow(
  db: Kysely<DB>,
  input: { familyId?: string; userId: string; client: string; now: number },
): Promise<IssuedRefresh> {
  const id = newId('ses', input.now);
  const { token, hash } = newRefreshToken();
  const expiresAt = input.now + REFRESH_TTL_MS;
  await db
    .insertInto('sessions')
    .values({
      id,
      family_id: input.familyId ?? id,
      user_id: input.userId,
      refresh_hash: hash,
      client: input.client,
      created_at: input.now,
      expires_at: expiresAt,
      last_used_at: input.now,
      revoked_at: null,
      replaced_by: null,
    })
    .execute();
  return { sessionId: id, userId: input.userId, refreshToken: token, expiresAt };
}

/** Starts a session for a user who just proved who they are. */
export function startSession(
  db: Kysely<DB>,
  input: { userId: string; client: string; now: number },
): Promise<IssuedRefresh> {
  return insertRow(db, input);
}

const ended = () => new DomainError('UNAUTHENTICATED', 'Your session has ended; sign in again');

/** Ends every session of the sign-in `sessionId` belongs to. */
export async function revokeSessionFamily(db: Kysely<DB>, sessionId: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('family_id', '=', (eb) =>
      eb.selectFrom('sessions').select('family_id').where('id', '=', sessionId),
    )
    .where('revoked_at', 'is', null)
    .execute();
}

/** Exchanges a refresh token for its successor; refuses expired, revoked, unknown or reused tokens. */
export async function rotateRefreshToken(
  db: Kysely<DB>,
  input: { refreshToken: string; now: number; logger: Logger },
): Promise<IssuedRefresh> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('refresh_hash', '=', hashOpaqueToken(input.refreshToken))
    .executeTakeFirst();
  if (!row) throw new DomainError('UNAUTHENTICATED', 'The refresh token is not valid; sign in again');
  if (row.revoked_at !== null || row.expires_at <= input.now) throw ended();
  return db
    .transaction()
    .execute(async (trx) => {
      // Claiming the row and checking it was not yet replaced is one statement, so two
      // refreshes racing with the same token cannot both win.
      const claimed = await trx
        .updateTable('sessions')
        .set({ last_used_at: input.now })
        .where('id', '=', row.id)
        .where('replaced_by', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) {
        await trx
          .updateTable('sessions')
          .set({ revoked_at: input.now })
          .where('family_id', '=', row.family_id)
          .where('revoked_at', 'is', null)
          .execute();
        input.logger.warn(
          { sessionId: row.id, userId: row.user_id },
          'a replaced refresh token was used again; the session was revoked',
        );
        return { reused: true as const };
      }
      const next = await insertRow(trx, {
        familyId: row.family_id,
        userId: row.user_id,
        client: row.client,
        now: input.now,
      });
      await trx
        .updateTable('sessions')
        .set({ replaced_by: next.sessionId })
        .where('id', '=', row.id)
        .execute();
      return { reused: false as const, next };
    })
    .then((outcome) => {
      // Thrown after the transaction commits, so the revocation is kept.
      if (outcome.reused)
        throw new DomainError(
          'UNAUTHENTICATED',
          'This refresh token was already used, so the session was ended to protect the account; sign in again',
        );
      return outcome.next;
    });
}

/** The user of a live session (not revoked, not expired), or an UNAUTHENTICATED error. */
export async function liveSessionUser(db: Kysely<DB>, sessionId: string, now: number): Promise<string> {
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'revoked_at', 'expires_at'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.expires_at <= now) throw ended();
  return row.user_id;
}

/** Ends every session of a user (an account admin removed from their only account is signed out). */
export async function revokeUserSessions(db: Kysely<DB>, userId: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
