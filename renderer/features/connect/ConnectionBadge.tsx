import { Badge, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { STATE_LABELS } from './labels';
import { useConnectionStatus } from './use-live-connection';

/**
 * The shell's status indicator: standalone, or the connection to the hosted server
 * (connected, syncing, offline, error) with when it last synced and how many changes wait to
 * be sent. Follows the status poll (every second, sooner after a queued command). Opens the Connect page.
 */
export function ConnectionBadge() {
  const trpc = useTRPC();
  const mode = useQuery({ ...trpc.backend.mode.queryOptions(), staleTime: 30_000 });
  const status = useConnectionStatus();
  if (!mode.data || !status.data) return null;
  const info = STATE_LABELS[mode.data.mode === 'hosted' ? 'hosted' : status.data.state];
  const synced = status.data.lastSyncedAt;
  const hint = synced ? `${info.hint} Last synced ${formatDateTime(synced)}.` : info.hint;
  const pending = status.data.pending > 0 ? ` · ${status.data.pending} pending` : '';
  return (
    <Tooltip label={hint} multiline w={280}>
      <Badge
        component={Link}
        to="/connect"
        color={info.color}
        variant="dot"
        size="lg"
        tt="none"
        fw={550}
        style={{ cursor: 'pointer' }}
        aria-label={`Mode: ${info.label}${pending}`}
        data-testid="connection-badge"
      >
        {info.label}
        {pending}
      </Badge>
    </Tooltip>
  );
}
