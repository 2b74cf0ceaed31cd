import { useNavigate } from '@tanstack/react-router';
import { queuedMarkOf } from '../../../shared/sync/offline';
import { notifyError, notifyQueued, notifySuccess } from '../../lib/notify';
import { useOutboxActions, type OutboxItem } from './offline-api';
import { recordRoute } from './outbox-text';

/** What staff can do with an outbox entry, each saying how it went. */
export interface OutboxCommands {
  cancel(entry: OutboxItem): void;
  /** Queue the refused command again, its input refreshed from the replica: "keep mine". */
  retry(entry: OutboxItem): void;
  /** Go to the record to change it by hand; the refusal is acknowledged. */
  edit(entry: OutboxItem): void;
  /** Accept the server's state ("keep theirs"): the refusal is acknowledged and nothing is sent. */
  discard(entry: OutboxItem): void;
  busy: boolean;
}

/** The retry's answer: its new queued mark (or one on a provisional result), or the server's answer. */
function sayRetried(entry: OutboxItem, answer: unknown): void {
  const direct =
    typeof answer === 'object' && answer !== null && 'outboxId' in answer && 'label' in answer
      ? (answer as { label: unknown }).label
      : null;
  const queued = typeof direct === 'string' ? direct : queuedMarkOf(answer)?.label;
  if (queued) notifyQueued(queued);
  else notifySuccess('Sent again', entry.label, answer);
}

export function useOutboxCommands(): OutboxCommands {
  const navigate = useNavigate();
  const actions = useOutboxActions();
  return {
    cancel: (entry) =>
      actions.cancel.mutate(entry.id, {
        onSuccess: () => notifySuccess('Command cancelled', `${entry.label} will not be sent.`),
        onError: (error) => notifyError(error, 'Could not cancel'),
      }),
    retry: (entry) =>
      actions.retry.mutate(entry.id, {
        onSuccess: (answer) => sayRetried(entry, answer),
        onError: (error) => notifyError(error, 'Could not send it again'),
      }),
    edit: (entry) => {
      actions.acknowledge.mutate(entry.id, { onError: (error) => notifyError(error, 'Could not dismiss') });
      const route = recordRoute(entry.record);
      if (route) void navigate(route);
    },
    discard: (entry) =>
      actions.acknowledge.mutate(entry.id, {
        onError: (error) => notifyError(error, 'Could not dismiss'),
      }),
    busy: actions.cancel.isPending || actions.retry.isPending || actions.acknowledge.isPending,
  };
}
