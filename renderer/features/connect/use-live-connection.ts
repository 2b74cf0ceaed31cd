import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { onConnectionChange } from '../../lib/offline/connection-signal';
import { useTRPC } from '../../lib/trpc';
import { useSyncNowClient } from './offline-api';
import type { ConnectionStatus } from './types';

/** How often the status is asked for: the badge follows the connection within this. */
export const STATUS_POLL_MS = 1_000;

/** The connection's status, polled every second; every reader shares this one query. */
export function useConnectionStatus() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.connection.status.queryOptions(), refetchInterval: STATUS_POLL_MS });
}

/**
 * Mounted once at the app's root. Keeps the status fresh (every second, and at once when a
 * command comes back queued, a request fails or the browser goes on- or offline, which also
 * asks the desktop to sync now), and makes every screen live: when the replica's version
 * changes (a pull applied, a local command, a rebase, a cancel) all other queries are
 * invalidated. TanStack keeps their data on screen while they refetch, so scroll and selection stay.
 */
export function useLiveConnection(): ConnectionStatus | undefined {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useConnectionStatus();
  const syncNow = useSyncNowClient();
  const seen = useRef<number | null>(null);
  const data: ConnectionStatus | undefined = status.data;
  const version = data?.replicaVersion;
  const refetchStatus = status.refetch;

  useEffect(() => {
    if (version === undefined) return;
    const before = seen.current;
    seen.current = version;
    if (before === null || before === version) return;
    const statusHash = hashKey(trpc.connection.status.queryKey());
    void queryClient.invalidateQueries({ predicate: (query) => query.queryHash !== statusHash });
  }, [version, queryClient, trpc]);

  useEffect(() => onConnectionChange(() => void refetchStatus()), [refetchStatus]);

  useEffect(() => {
    const nudge = () => {
      // Standalone (or hosted) consoles have nothing to sync; the desktop says so, and that is fine.
      syncNow()
        .catch(() => undefined)
        .finally(() => void refetchStatus());
    };
    window.addEventListener('online', nudge);
    window.addEventListener('offline', nudge);
    return () => {
      window.removeEventListener('online', nudge);
      window.removeEventListener('offline', nudge);
    };
  }, [syncNow, refetchStatus]);

  return data;
}
