import { Button } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useCan } from '../../shell/session';
import { canSendAgain } from './labels';
import type { EmailDetail } from './types';

/** Queues a failed or held email again, exactly as written; billing staff only. */
export function SendAgainButton({ email }: { email: EmailDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useCan('billing.write');
  const resend = useMutation(
    trpc.emails.resend.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.emails.pathKey() }),
    }),
  );
  if (!canWrite || !canSendAgain(email.status)) return null;
  return (
    <Button
      leftSection={<IconSend size={16} stroke={1.75} />}
      loading={resend.isPending}
      onClick={() =>
        resend.mutate(
          { id: email.id },
          {
            onSuccess: () => notifySuccess('Queued to send again', `To ${email.recipient}.`),
            onError: (error) => notifyError(error, 'Could not send again'),
          },
        )
      }
    >
      Send again
    </Button>
  );
}
