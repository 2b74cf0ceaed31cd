import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { FieldConflict } from '../../../shared/errors';
import type { QueuedMark } from '../../../shared/sync/offline';
import { useTRPCClient } from '../../lib/trpc';

/** A row the replica shows with a change the server has not confirmed yet. */
export interface PendingMark {
  outboxId: number;
  label: string;
  table: string;
  key: string;
  op: 'insert' | 'update' | 'remove';
  fields: string[];
}

/** One command in the outbox, as `connection.outbox` lists it. */
export interface OutboxItem {
  id: number;
  tenantId: string;
  path: string;
  label: string;
  record: { table: string; key: string } | null;
  status: 'pending' | 'ok' | 'error' | 'cancelled';
  inFlight: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  conflicts: FieldConflict[] | null;
  acknowledged: boolean;
  withheld: string | null;
  createdAt: number;
  settledAt: number | null;
}

interface OfflineConnectionClient {
  connection: {
    outbox: { query(input: { limit: number }): Promise<OutboxItem[]> };
    pendingMarks: { query(): Promise<PendingMark[]> };
    cancel: { mutate(input: { id: number }): Promise<unknown> };
    /** The new entry's queued mark, or the server's answer when it came at once. */
    retry: { mutate(input: { id: number }): Promise<QueuedMark | Record<string, unknown>> };
    acknowledge: { mutate(input: { id: number }): Promise<unknown> };
    syncNow: { mutate(): Promise<unknown> };
  };
}

/** The desktop's local offline procedures, read through the one client. */
function useOfflineClient(): OfflineConnectionClient {
  return useTRPCClient() as unknown as OfflineConnectionClient;
}

/** Keys under one prefix: the live-query hook refreshes them with everything else. */
export const OFFLINE_KEYS = {
  outbox: (limit: number) => ['offline', 'outbox', limit] as const,
  pendingMarks: ['offline', 'pendingMarks'] as const,
};

/**
 * The outbox, newest first; refreshed by the live-query hook when the replica changes, and
 * every `refetchInterval` ms for what changes without it (a push taking an entry in flight).
 */
export function useOutbox(options: { limit?: number; enabled?: boolean; refetchInterval?: number } = {}) {
  const client = useOfflineClient();
  const limit = options.limit ?? 100;
  return useQuery({
    queryKey: OFFLINE_KEYS.outbox(limit),
    queryFn: () => client.connection.outbox.query({ limit }),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval,
  });
}

/** Marks of changes made here and not yet confirmed by the server (none on a standalone console). */
export function usePendingMarkList(enabled: boolean) {
  const client = useOfflineClient();
  return useQuery({
    queryKey: OFFLINE_KEYS.pendingMarks,
    queryFn: () => client.connection.pendingMarks.query(),
    enabled,
    staleTime: Infinity,
  });
}

/** Cancel a waiting command, retry a refused one (queued again, "keep mine"), or acknowledge a refusal. */
export function useOutboxActions() {
  const client = useOfflineClient();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries();
  return {
    cancel: useMutation({
      mutationFn: (id: number) => client.connection.cancel.mutate({ id }),
      onSettled: refresh,
    }),
    retry: useMutation({
      mutationFn: (id: number) => client.connection.retry.mutate({ id }),
      onSettled: refresh,
    }),
    acknowledge: useMutation({
      mutationFn: (id: number) => client.connection.acknowledge.mutate({ id }),
      onSettled: refresh,
    }),
  };
}

/** Ask the desktop to push and pull now (the browser says the network is back, or gone). */
export function useSyncNowClient(): () => Promise<unknown> {
  const client = useOfflineClient();
  return useCallback(() => client.connection.syncNow.mutate(), [client]);
}
