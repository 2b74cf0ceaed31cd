import type { Customer, CustomerBase, CustomerEditableField } from '../../../shared/customers/schema';
import type { FieldConflict } from '../../../shared/errors';
import { DomainError } from '../../lib/errors';

export type CustomerPatch = Partial<Pick<Customer, CustomerEditableField>>;

/** What a three-way merge keeps of an edit: the fields to write, and those someone else changed too. */
export interface CustomerMerge {
  apply: CustomerPatch;
  conflicts: FieldConflict[];
}

/**
 * Merges an edit into the customer as the server holds it, field by field, against the values
 * the editor started from (`base`). A field the editor left as it was keeps the server's value;
 * a changed field applies when the server still holds its base (nobody else touched it) or
 * already holds the new value (the same edit twice); otherwise both sides changed it and it is
 * a conflict. Edits to different fields therefore never collide, and a user's own edits in a
 * row never do either: each one's base is the value the previous one wrote.
 */
export function mergeCustomerEdit(
  current: Customer,
  patch: CustomerPatch,
  base: CustomerBase,
): CustomerMerge {
  const apply: CustomerPatch = {};
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(patch) as CustomerEditableField[]) {
    const yours = patch[field];
    if (yours === undefined) continue;
    const started = base[field];
    const theirs = current[field];
    if (yours === started || theirs === yours) continue;
    if (theirs === started) apply[field] = yours as never;
    else conflicts.push({ field, theirs, yours });
  }
  return { apply, conflicts };
}

/**
 * The refusal of an edit whose fields someone else changed meanwhile, with both values of each
 * in `conflicts` for the editor to choose from. No field errors: nothing in the input is wrong,
 * and an edit form shows a conflict as a choice, not as a field to fix.
 */
export function conflictError(conflicts: readonly FieldConflict[]): DomainError {
  const changes = conflicts.map((c) => `${c.field} (now ${shown(c.theirs)})`);
  return new DomainError(
    'CONFLICT',
    `Someone else changed this customer's ${fieldsInWords(changes)} since you opened it. Choose which value to keep.`,
    undefined,
    [...conflicts],
  );
}

const shown = (value: unknown) =>
  value === null || value === ''
    ? 'nothing'
    : `“${typeof value === 'string' ? value : JSON.stringify(value)}”`;

/** Customer fields in a sentence: "company", "name, company and notes" (the field names are words). */
export function fieldsInWords(fields: readonly string[]): string {
  if (fields.length <= 1) return fields[0] ?? '';
  return `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}
