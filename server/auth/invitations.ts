import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { hashOpaqueToken } from './tokens';

/**
 * Invitation rows: made and revoked by administration's commands, claimed when accepted
 * (accept-invitation.ts). Only the token's hash is kept; the token is returned once.
 */

type Db = Kysely<DB> | Transaction<DB>;

export interface NewInvitation {
  id: string;
  tenant_id: string | null;
  email: string;
  role: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
}

/** Stores an invitation in the caller's transaction and returns its token, to be shown once. */
export async function storeInvitation(db: Db, row: NewInvitation): Promise<string> {
  const token = `tgi_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('invitations')
    .values({ ...row, token_hash: hashOpaqueToken(token) })
    .execute();
  return token;
}

/** Revokes an invitation: its link stops working. */
export async function revokeInvitationRow(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('invitations').set({ revoked_at: now }).where('id', '=', id).execute();
}

/** Marks an open invitation accepted; false when it was accepted or revoked meanwhile. */
export async function claimInvitation(db: Db, id: string, now: number): Promise<boolean> {
  // Claimed in the same statement that checks it is still open: accepting twice at once cannot both win.
  const claimed = await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}
