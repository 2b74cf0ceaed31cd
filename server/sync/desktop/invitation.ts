import type { SignedIn } from '../../auth';
import type { FieldErrors } from '../../../shared/errors';
import { DomainError } from '../../lib/errors';
import type { ServerLink } from './server-link';

export interface InvitationAnswer {
  code: string;
  name: string;
  password: string;
}

const EXISTING_ACCOUNT =
  'This email already has an account on this server: enter that account’s password to accept';

/**
 * The server's refusal, put on the Connect form's fields: the server names its own input
 * (`token`), and says "not found", "expired" or "already accepted" without a field, though
 * each is about the code the person typed.
 */
function onInvitationFields(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const fields: FieldErrors = {};
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    fields[field === 'token' ? 'code' : field] = messages;
  }
  if (Object.keys(fields).length === 0) {
    if (error.code === 'NOT_FOUND' || error.code === 'INVALID_STATE') fields.code = [error.message];
    if (error.code === 'UNAUTHENTICATED') fields.password = [EXISTING_ACCOUNT];
    if (error.code === 'RATE_LIMITED') fields.password = [error.message];
  }
  const message = error.code === 'UNAUTHENTICATED' ? EXISTING_ACCOUNT : error.message;
  return new DomainError(error.code, message, Object.keys(fields).length > 0 ? fields : undefined);
}

/** Accepts the invitation on the server, which signs the new member in. */
export async function acceptOnServer(link: ServerLink, answer: InvitationAnswer): Promise<SignedIn['user']> {
  try {
    return await link.acceptInvitation({ token: answer.code, name: answer.name, password: answer.password });
  } catch (error) {
    throw onInvitationFields(error);
  }
}
