import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/api/router';
import { countryName, formatDateTime } from '../../lib/format';

export type TimelineEntry = inferRouterOutputs<AppRouter>['customers']['timeline'][number];

const ACTIONS: Record<string, string> = {
  'customer.created': 'Created',
  'customer.updated': 'Updated',
  'customer.archived': 'Archived',
  'customer.unarchived': 'Unarchived',
};

const FIELDS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  country: 'Country',
  company: 'Company',
  notes: 'Notes',
  status: 'Status',
  archivedAt: 'Archived at',
};

/** "Created", "Updated"…; an action this console does not know yet reads as its last word. */
export function actionLabel(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const last = action.split('.').at(-1) ?? action;
  return last.charAt(0).toUpperCase() + last.slice(1);
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'country' && typeof value === 'string') return countryName(value);
  if (field.endsWith('At') && typeof value === 'number') return formatDateTime(value);
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  return JSON.stringify(value);
}

/**
 * The lines under a timeline entry: for edits, each changed field as "Company: — → Acme".
 * Creation lists nothing (the profile shows the values) and archiving says it all in its title.
 */
export function changeLines(entry: Pick<TimelineEntry, 'action' | 'changes'>): string[] {
  if (entry.action !== 'customer.updated') return [];
  return entry.changes.map(
    (c) => `${FIELDS[c.field] ?? c.field}: ${show(c.field, c.before)} → ${show(c.field, c.after)}`,
  );
}
