import { formatDateTime } from '../../lib/format';

export interface FieldChangeLike {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** A stored value as a person reads it: times as dates, nothing as a dash, long text cut. */
export function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (/(At|_at|Start|End)$/.test(field) && typeof value === 'number' && value > 946_684_800_000)
    return formatDateTime(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** "name: Ada → Ada L." */
export function changeText(change: FieldChangeLike): string {
  return `${change.field}: ${valueText(change.field, change.before)} → ${valueText(change.field, change.after)}`;
}

/** A row's summary: the first changes, and how many more. */
export function changesSummary(changes: readonly FieldChangeLike[], shown = 2): string {
  if (changes.length === 0) return '';
  const head = changes.slice(0, shown).map(changeText).join('; ');
  return changes.length > shown ? `${head}; +${changes.length - shown} more` : head;
}
