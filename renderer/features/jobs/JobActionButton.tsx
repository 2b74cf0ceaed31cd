import { Button } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { confirmAction } from '../../ui/confirm';
import { ACTION_LOOK } from './job-text';
import type { JobView } from './types';

/** The one thing an operator may do with a job in its state, asked first and audited by the server. */
export function JobActionButton({ job }: { job: JobView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settle = { onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() }) };
  const retry = useMutation(trpc.jobs.retry.mutationOptions(settle));
  const release = useMutation(trpc.jobs.release.mutationOptions(settle));
  if (!job.action) return null;
  const look = ACTION_LOOK[job.action];
  const mutation = job.action === 'release' ? release : retry;
  const onConfirm = () =>
    mutation.mutate(
      { id: job.id },
      {
        onSuccess: () => notifySuccess(look.done, job.kind),
        onError: (error) => notifyError(error, `Could not ${look.label.toLowerCase()} the job`),
      },
    );
  return (
    <Button
      size="compact-sm"
      variant="light"
      loading={mutation.isPending}
      aria-label={`${look.label} ${job.kind} ${job.id}`}
      onClick={() =>
        confirmAction({ title: look.title, body: look.body, confirmLabel: look.label, onConfirm })
      }
    >
      {look.label}
    </Button>
  );
}
