import type { DomainErrorCode, FieldConflict, FieldErrors } from '../../shared/errors';

/**
 * An expected failure a user can act on: the message is shown to them as written, so it
 * must name what is wrong and never carry internals (SQL, paths, secrets).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    /** A CONFLICT's fields with both values, so the user can choose between them. */
    readonly conflicts?: FieldConflict[],
  ) {
    super(message);
  }
}

/** A broken invariant: a bug in our code, never bad user input. Shown to users as an internal error. */
export class BugIndicatingError extends Error {
  override readonly name = 'BugIndicatingError';
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);
