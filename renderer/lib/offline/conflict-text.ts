import type { FieldConflict } from '../../../shared/errors';

/** "company" → "Company", "expectedVersion" → "Expected version". */
export function fieldLabel(field: string): string {
  const words = field
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value as staff read it: empty for nothing, text as it is, anything else as JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "Company — theirs: Acme, yours: Acme Ltd": one line per field two people changed. */
export function conflictText(conflict: Pick<FieldConflict, 'field'> & Partial<FieldConflict>): string {
  return `${fieldLabel(conflict.field)} — theirs: ${valueText(conflict.theirs)}, yours: ${valueText(conflict.yours)}`;
}
