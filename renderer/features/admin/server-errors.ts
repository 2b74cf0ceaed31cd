import { firstFieldErrors, readServerProblem } from '../../lib/errors';

/**
 * Shows a refused command on its form: each field's problem under that field when the
 * form has it, anything else as the form's own problem (`_`).
 */
export function formErrors(error: unknown, fields: readonly string[]): Record<string, string> {
  const problem = readServerProblem(error);
  const byField = firstFieldErrors(problem.fieldErrors);
  const shown = Object.fromEntries(Object.entries(byField).filter(([field]) => fields.includes(field)));
  return Object.keys(shown).length > 0 ? shown : { _: problem.message };
}
