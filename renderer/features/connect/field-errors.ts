import { readServerProblem } from '../../lib/errors';

/** The server's field errors in the form's shape: one line per field, shown under it. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const problem = readServerProblem(error);
  return Object.fromEntries(Object.entries(problem.fieldErrors).map(([k, v]) => [k, v.join(' ')]));
}
