import { useNavigate } from '@tanstack/react-router';
import { notifyError, notifySuccess } from '../../lib/notify';
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

/**
 * The retry answers as the command itself would: queued (the mutation link has said "Saved —
 * will sync when online", so this stays silent) or the server's own answer, done at once.
 */
function sayRetried(entry: OutboxItem, answer: unknown): void {
  notifySuccess('Sent again', `${entry.label} was applied.`, answer);
}

export function useOutboxCommands(): OutboxCommands {
  const navigate = useNavigate();
  const actions = useOutboxActions();
  const dismiss = (entry: OutboxItem) =>
    actions.acknowledge.mutate(
      { id: entry.id },
      { onError: (error) => notifyError(error, 'Could not dismiss') },
    );
  return {
    cancel: (entry) =>
      actions.cancel.mutate(
        { id: entry.id },
        {
          onSuccess: () => notifySuccess('Command cancelled', `${entry.label} will not be sent.`),
          onError: (error) => notifyError(error, 'Could not cancel'),
        },
      ),
    retry: (entry) =>
      actions.retry.mutate(
        { id: entry.id },
        {
          onSuccess: (answer) => sayRetried(entry, answer),
          onError: (error) => notifyError(error, 'Could not send it again'),
        },
      ),
    edit: (entry) => {
      dismiss(entry);
      const route = recordRoute(entry.record);
      if (route) void navigate(route);
    },
    discard: dismiss,
    busy: actions.cancel.isPending || actions.retry.isPending || actions.acknowledge.isPending,
  };
}
