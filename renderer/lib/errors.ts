import type { DomainErrorCode, FieldConflict, FieldErrors } from '../../shared/errors';

/** What the console shows for a failed call: the server's message and any field errors. */
export interface ServerProblem {
  message: string;
  code: DomainErrorCode | 'INTERNAL' | 'NETWORK';
  fieldErrors: FieldErrors;
  /** For a CONFLICT: the fields someone else changed, with their value and the one sent. */
  conflicts: FieldConflict[];
}

const NETWORK_MESSAGE = 'Could not reach the Tollgate backend. Check that it is running, then try again.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readFieldErrors(value: unknown): FieldErrors {
  if (!isRecord(value)) return {};
  const fields: FieldErrors = {};
  for (const [field, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) fields[field] = messages.filter((m): m is string => typeof m === 'string');
  }
  return fields;
}

function readConflicts(value: unknown): FieldConflict[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Record<string, unknown> => isRecord(item) && typeof item.field === 'string')
    .map((item) => ({ field: item.field as string, theirs: item.theirs, yours: item.yours }));
}

/**
 * Reads a tRPC client error (or anything thrown) into a problem to show. The server puts
 * `domainCode` and `fieldErrors` in the error's `data`; without `data` the request never got
 * an answer from the backend, which is a connection problem, not a server message.
 */
export function readServerProblem(error: unknown): ServerProblem {
  const data = isRecord(error) && isRecord(error.data) ? error.data : null;
  const message = error instanceof Error ? error.message : String(error);
  if (!data) {
    const looksOffline = error instanceof Error && /fetch|network|failed to/i.test(message);
    return looksOffline || !message
      ? { message: NETWORK_MESSAGE, code: 'NETWORK', fieldErrors: {}, conflicts: [] }
      : { message, code: 'INTERNAL', fieldErrors: {}, conflicts: [] };
  }
  const code = typeof data.domainCode === 'string' ? (data.domainCode as ServerProblem['code']) : 'INTERNAL';
  return {
    message,
    code,
    fieldErrors: readFieldErrors(data.fieldErrors),
    conflicts: readConflicts(data.conflicts),
  };
}

/** The first message per field, in the shape Mantine's form.setErrors takes. */
export function firstFieldErrors(fieldErrors: FieldErrors): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (messages[0]) errors[field] = messages[0];
  }
  return errors;
}

/**
 * A failed command's errors for a form: each field the server named, with its first message, or
 * the whole message under `_` (the form's own line) when it named none.
 */
export function formErrorsOf(error: unknown): Record<string, string> {
  const problem = readServerProblem(error);
  const fields = firstFieldErrors(problem.fieldErrors);
  return Object.keys(fields).length > 0 ? fields : { _: problem.message };
}
