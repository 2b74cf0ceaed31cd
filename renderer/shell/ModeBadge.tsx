import { Badge, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc';
import { useCan } from './session';

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
