import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useCallback } from 'react';
import type { AppRouter } from '../../../server/app/router';
import { useTRPC, useTRPCClient } from '../../lib/trpc';

type Outputs = inferRouterOutputs<AppRouter>;
/** One command in the outbox: its label, record, state, and a refusal's reason and conflicts. */
export type OutboxItem = Outputs['connection']['outbox'][number];
/** A row the replica shows with a change the server has not confirmed yet. */
export type PendingMark = Outputs['connection']['pendingMarks'][number];

/**
 * The outbox, newest first; refreshed by the live-query hook when the replica changes, and
 * every `refetchInterval` ms for what changes without it (a push taking an entry in flight).
 */
export function useOutbox(options: { limit?: number; enabled?: boolean; refetchInterval?: number } = {}) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.connection.outbox.queryOptions({ limit: options.limit ?? 100 }),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval,
  });
}

/** Marks of changes made here and not yet confirmed by the server (none on a standalone console). */
export function usePendingMarkList(enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.connection.pendingMarks.queryOptions(), enabled, staleTime: Infinity });
}

/** Cancel a waiting command, retry a refused one (queued again, "keep mine"), or acknowledge a refusal. */
export function useOutboxActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries();
  const cancel = useMutation(trpc.connection.cancel.mutationOptions({ onSettled }));
  const retry = useMutation(trpc.connection.retry.mutationOptions({ onSettled }));
  const acknowledge = useMutation(trpc.connection.acknowledge.mutationOptions({ onSettled }));
  return { cancel, retry, acknowledge };
}

/** Ask the desktop to push and pull now (the browser says the network is back, or gone). */
export function useSyncNowClient(): () => Promise<unknown> {
  const client = useTRPCClient();
  return useCallback(() => client.connection.syncNow.mutate(), [client]);
}
