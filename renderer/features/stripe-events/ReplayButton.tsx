import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { REPLAYABLE_STATUSES } from '../../../shared/stripe-events/schema';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import type { StripeEventDetail } from './types';

/** Sends a failed or dead-lettered event back to the processor; billing staff only. */
export function ReplayButton({ event }: { event: StripeEventDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useCan('billing.write');
  const replay = useMutation(
    trpc.stripeEvents.replay.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.stripeEvents.pathKey() }),
    }),
  );
  if (!canWrite || !REPLAYABLE_STATUSES.includes(event.status)) return null;
  return (
    <Button
      leftSection={<IconRefresh size={16} stroke={1.75} />}
      loading={replay.isPending}
      onClick={() =>
        replay.mutate(
          { id: event.id },
          {
            onSuccess: () => notifySuccess('Event queued again', `${event.type} will be applied shortly.`),
            onError: (error) => notifyError(error, 'Could not replay the event'),
          },
        )
      }
    >
      Replay
    </Button>
  );
}
