import type { OutboxItem } from './offline-api';
import type { ConnectionState } from './types';

/** How each connection state reads in the status indicator and on the Connect page. */
export const STATE_LABELS: Record<
  ConnectionState | 'hosted',
  { label: string; color: string; hint: string }
> = {
  standalone: {
    label: 'Standalone',
    color: 'gray',
    hint: 'This console runs its own backend and keeps data on this machine.',
  },
  connected: { label: 'Connected', color: 'teal', hint: 'Changes sync with the hosted Tollgate server.' },
  syncing: { label: 'Syncing', color: 'blue', hint: 'Sending changes to the server and fetching its news.' },
  offline: {
    label: 'Offline',
    color: 'orange',
    hint: 'The server is unreachable; changes wait in the outbox and sync when it is back.',
  },
  error: { label: 'Sync error', color: 'red', hint: 'The last sync failed; open Connect to see why.' },
  hosted: { label: 'Hosted', color: 'teal', hint: 'This console is served by the hosted Tollgate server.' },
};

export const OUTBOX_LABELS: Record<OutboxItem['status'] | 'sending', { label: string; color: string }> = {
  pending: { label: 'Waiting', color: 'orange' },
  sending: { label: 'Sending', color: 'blue' },
  ok: { label: 'Applied', color: 'teal' },
  error: { label: 'Refused', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** How an entry's state reads: a waiting command being pushed right now is "Sending" (it can no longer be cancelled). */
export function outboxState(entry: Pick<OutboxItem, 'status' | 'inFlight'>): keyof typeof OUTBOX_LABELS {
  return entry.status === 'pending' && entry.inFlight ? 'sending' : entry.status;
}

/** "customers.create" → "Customers · create": what the command was, for an entry made before entries had labels. */
export function describeCommand(path: string): string {
  const [area = path, ...rest] = path.split('.');
  const spaced = (word: string) => word.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const head = spaced(area);
  return rest.length === 0
    ? head
    : `${head.charAt(0).toUpperCase()}${head.slice(1)} · ${rest.map(spaced).join(' ')}`;
}

/** The progress of a first sync as a percentage, whole numbers only. */
export function progressPercent(progress: { done: number; total: number } | null): number | null {
  if (!progress) return null;
  if (progress.total <= 0) return 100;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}
