import { Badge, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/api/router';
import { useTRPC } from '../lib/trpc';
import { useCan } from './session';

type Mode = inferRouterOutputs<AppRouter>['workspace']['mode']['mode'];

const MODES: Record<Mode, { label: string; color: string; hint: string }> = {
  standalone: {
    label: 'Standalone',
    color: 'gray',
    hint: 'This console runs its own backend and keeps data on this machine.',
  },
  connected: { label: 'Connected', color: 'teal', hint: 'Changes sync with the hosted Tollgate server.' },
  offline: {
    label: 'Offline',
    color: 'orange',
    hint: 'The hosted server is unreachable; changes wait and sync when it is back.',
  },
};

/** How the backend runs, so staff know whether what they do reaches the server. */
export function ModeBadge() {
  const trpc = useTRPC();
  const mode = useQuery({ ...trpc.workspace.mode.queryOptions(), staleTime: 30_000 });
  if (!mode.data) return null;
  const info = MODES[mode.data.mode];
  return (
    <Tooltip label={info.hint} multiline w={260}>
      <Badge color={info.color} variant="dot" size="lg" tt="none" fw={550} aria-label={`Mode: ${info.label}`}>
        {info.label}
      </Badge>
    </Tooltip>
  );
}

/**
 * Which payment gateway charges cards: in the sandbox no real money moves, which staff must
 * know before they trust (or fear) what a payment screen says.
 */
export function GatewayBadge() {
  const trpc = useTRPC();
  const canRead = useCan('billing.read');
  const gateway = useQuery({ ...trpc.billing.gateway.queryOptions(), staleTime: Infinity, enabled: canRead });
  if (!gateway.data) return null;
  const sandbox = gateway.data.name === 'sandbox';
  const label = sandbox ? 'Sandbox' : 'Stripe';
  const hint = sandbox
    ? "Payments use the sandbox gateway with Stripe's test cards; no real money moves."
    : 'Payments are charged through Stripe.';
  return (
    <Tooltip label={hint} multiline w={260}>
      <Badge
        color={sandbox ? 'orange' : 'brand'}
        variant="light"
        size="lg"
        tt="none"
        fw={550}
        aria-label={`Payments: ${label}`}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
