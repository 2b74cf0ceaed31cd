import { QUEUED_KEY, type QueuedMark } from '../../../shared/sync/offline';
import { withheldOf } from '../../trpc/secrets';
import { DomainError } from '../../lib/errors';
import type { MutationOutcome } from '../push';

/** Said when a command was done but the one answer carrying its secret (a new key) did not arrive. */
export const SECRET_NOT_RECEIVED_MESSAGE =
  'The server did this, but the answer carrying the new secret did not reach this desktop, and a secret is shown only once: revoke it and create a new one';

/** The console's answer for a command the server answered: its result, or its refusal thrown. */
export function answerOf(outcome: MutationOutcome): unknown {
  if (outcome.status === 'ok') {
    if (withheldOf(outcome.result)) throw new DomainError('INVALID_STATE', SECRET_NOT_RECEIVED_MESSAGE);
    return outcome.result;
  }
  if (outcome.code === 'INTERNAL') throw new Error(outcome.message);
  throw new DomainError(outcome.code, outcome.message, fieldErrorsOf(outcome), outcome.conflicts);
}

/** A conflict's fields named as field errors too, so a form marks them as it marks any error. */
function fieldErrorsOf(outcome: Extract<MutationOutcome, { status: 'error' }>) {
  if (!outcome.conflicts || outcome.conflicts.length === 0) return undefined;
  return Object.fromEntries(outcome.conflicts.map((c) => [c.field, [outcome.message]]));
}

/**
 * The console's answer for a queued command (decision 104): what its effect made (shaped as
 * the procedure's own answer) with the queued mark added, or the mark alone.
 */
export function queuedAnswer(mark: QueuedMark, provisional: unknown): unknown {
  const isRecord = typeof provisional === 'object' && provisional !== null && !Array.isArray(provisional);
  return isRecord ? { ...provisional, [QUEUED_KEY]: mark } : { [QUEUED_KEY]: mark };
}
