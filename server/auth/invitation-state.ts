import { DomainError } from '../lib/errors';

/** What both kinds of invitation (a workspace's staff, a customer's account admins) record of their use. */
interface InvitationUse {
  revoked_at: number | null;
  accepted_at: number | null;
  expires_at: number;
}

/** The invitation found by its code, if it may still be accepted; otherwise why not. */
export function usableInvitation<T extends InvitationUse>(row: T | undefined, now: number): T {
  if (!row || row.revoked_at !== null) throw new DomainError('NOT_FOUND', 'This invitation was not found');
  if (row.accepted_at !== null)
    throw new DomainError('INVALID_STATE', 'This invitation was already accepted');
  if (row.expires_at <= now) {
    throw new DomainError('INVALID_STATE', 'This invitation has expired; ask for a new one');
  }
  return row;
}
