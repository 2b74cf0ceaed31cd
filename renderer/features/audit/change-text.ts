import { formatMoney, money } from '../../../shared/money';
import { formatDateTime } from '../../lib/format';

export interface FieldChangeLike {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** Fields that hold an amount in minor units of the entity's currency. */
const MONEY_FIELDS = new Set([
  'amount',
  'subtotal',
  'total',
  'amountDue',
  'amountPaid',
  'amountRefunded',
  'creditApplied',
  'unitAmount',
  'failedAmount',
  'recoveredAmount',
  'balance',
]);

/** A stored value as a person reads it: money in its currency, times as dates, nothing as a dash, long text cut. */
export function valueText(field: string, value: unknown, currency?: string | null): string {
  if (value === null || value === undefined || value === '') return '—';
  if (MONEY_FIELDS.has(field) && typeof value === 'number' && Number.isSafeInteger(value) && currency) {
    try {
      return formatMoney(money(value, currency));
    } catch {
      // A currency this console cannot format: the number itself, rather than nothing.
    }
  }
  if (/(At|_at|Start|End)$/.test(field) && typeof value === 'number' && value > 946_684_800_000)
    return formatDateTime(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** "name: Ada → Ada L.", "amount: — → $20.00" */
export function changeText(change: FieldChangeLike, currency?: string | null): string {
  const { field } = change;
  return `${field}: ${valueText(field, change.before, currency)} → ${valueText(field, change.after, currency)}`;
}

/** A row's summary: the first changes, and how many more. */
export function changesSummary(
  changes: readonly FieldChangeLike[],
  shown = 2,
  currency?: string | null,
): string {
  if (changes.length === 0) return '';
  const head = changes
    .slice(0, shown)
    .map((c) => changeText(c, currency))
    .join('; ');
  return changes.length > shown ? `${head}; +${changes.length - shown} more` : head;
}
